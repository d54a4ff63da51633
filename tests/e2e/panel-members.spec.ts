/**
 * Issue 13 item 4: every number opens its members. A tier card (首单用户), an RFM class and a pathway
 * step (未购未召回) open a drawer listing the people behind the figure — the count the card shows,
 * searchable, 导出 downloads a CSV of exactly those members, 存为人群 makes an audience the 人群 view
 * lists (setup: tests/e2e/panel.ts). Screenshots in zh and en.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { SHOTS_DIR } from './extension';
import { expect, test } from './panel';

const PAID = new Set(['paid', 'shipped', 'completed']);
/** The UTC+8 day of a canonical +08:00 timestamp (written here, not taken from the code under test). */
const dayOf = (ts: string) => new Date(Date.parse(ts) + 8 * 3600_000).toISOString().slice(0, 10);

/** Opens the 概览 and waits for the report. */
async function overview(panel: Page) {
  await panel.getByTestId('view-overview').click();
  await expect(panel.getByTestId('view-body-overview')).toBeVisible();
}

/** The drawer, after checking it lists `n` people under `title`. */
async function expectDrawer(panel: Page, title: string, n: number) {
  const drawer = panel.getByTestId('members-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('members-title')).toHaveText(title);
  await expect(drawer.getByTestId('members-count')).toHaveText(`${n} 人`);
  await expect(drawer.getByTestId('members-list')).toHaveAttribute('data-rows', String(n));
  return drawer;
}

async function closeDrawer(panel: Page) {
  await panel.getByTestId('members-close').click();
  await expect(panel.getByTestId('members-drawer')).toHaveCount(0);
}

test.describe.serial('member drill', () => {
  test('首单用户: the card opens its members, search narrows them, 导出 and 存为人群', async ({ panel, shop }) => {
    const { backup, report } = shop;
    const w = report.window;
    // 首单用户 by hand from the backup (SPEC §3): a paid order in W and none before W.start.
    const paidDays = new Map<string, string[]>();
    for (const o of backup.orders) {
      if (!PAID.has(o.status)) continue;
      const d = dayOf(o.paidAt ?? o.placedAt);
      paidDays.set(o.customerKey, [...(paidDays.get(o.customerKey) ?? []), d]);
    }
    const firstOrder = [...paidDays].filter(([, days]) => days.some((d) => d >= w.start && d <= w.end) && !days.some((d) => d < w.start)).map(([k]) => k);
    expect(firstOrder.length).toBeGreaterThan(5);

    await overview(panel);
    const card = panel.getByTestId('tier-firstOrder');
    await expect(card).toHaveText(String(firstOrder.length));
    await card.click(); // the number is the 查看名单 button
    const drawer = await expectDrawer(panel, '首单用户', firstOrder.length);
    await expect(drawer.getByTestId('member-row').first()).toBeVisible();
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-members-tier-zh.png') });

    // Search: a nickname part narrows the list to the members whose nickname, id or phone has it.
    const customers = new Map(backup.customers.map((c) => [c.customerKey, c]));
    const matchesOf = (q: string) =>
      firstOrder.filter((k) => {
        const c = customers.get(k);
        return [c?.nickname, c?.buyerId, c?.phone].some((x) => x !== undefined && x.toLowerCase().includes(q.toLowerCase()));
      });
    // The shortest start of a member's nickname that leaves a few (all rows in view at once).
    const nick = [...customers.get(firstOrder[0]!)!.nickname];
    const query = nick.map((_, i) => nick.slice(0, i + 1).join('')).find((q) => q.length >= 2 && matchesOf(q).length <= 8) ?? nick.join('');
    const matching = matchesOf(query);
    expect(matching.length).toBeLessThan(firstOrder.length);
    await drawer.getByTestId('members-search').fill(query);
    await expect(drawer.getByTestId('members-count')).toHaveText(`找到 ${matching.length} 人（共 ${firstOrder.length} 人）`);
    await expect(drawer.getByTestId('member-row')).toHaveCount(matching.length);
    const shownKeys = await drawer.getByTestId('member-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(shownKeys.sort()).toEqual([...matching].sort());
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-members-search-zh.png') });

    // 导出: the CSV holds exactly the card's members (the whole list, not only the search).
    const [dl] = await Promise.all([panel.waitForEvent('download'), drawer.getByTestId('members-export').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await dl.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), { header: true, skipEmptyLines: true });
    // Digit-only ids are written ="…" so spreadsheets keep them as text: read back the text.
    const keyCells = parsed.data.map((r) => r['客户标识']!.replace(/^="(.*)"$/, '$1'));
    expect(keyCells.sort()).toEqual([...firstOrder].sort());
    await expect(drawer.getByTestId('members-status')).toHaveText(`已导出 ${firstOrder.length} 人：${dl.suggestedFilename()}`);

    // 存为人群: an audience named after the card and its period, listed in 人群 with the same size.
    const name = `首单用户 ${w.start}~${w.end}`;
    await expect(drawer.getByTestId('members-name')).toHaveValue(name);
    await drawer.getByTestId('members-save').click();
    await expect(drawer.getByTestId('members-status')).toHaveText(`已存为人群「${name}」，在「人群」中查看`);
    await closeDrawer(panel);
    await panel.getByTestId('view-audience').click();
    await panel.getByTestId('audience-tab-saved').click();
    const saved = panel.getByTestId('saved-audience').filter({ hasText: name });
    await expect(saved).toHaveCount(1);
    await expect(saved.getByTestId('saved-audience-size')).toHaveText(String(firstOrder.length));
    // Leave 人群 as the next specs expect it: the saved audience removed again.
    await saved.getByTestId('saved-audience-delete').click();
    await expect(saved).toHaveCount(0);
    await panel.getByTestId('audience-tab-build').click();
  });

  test('an RFM class and a pathway step open their members; the drawer in English', async ({ panel, shop }) => {
    const { report } = shop;
    // RFM: the biggest class; its count is the 查看名单 button beside the class's 圈选 button.
    await panel.getByTestId('view-rfm').click();
    const [cls, n] = Object.entries(report.rfm).sort((a, b) => b[1] - a[1])[0]!;
    const cell = panel.getByTestId('rfm-grid').locator('.card').filter({ has: panel.getByTestId(`rfm-${cls}`) });
    const number = cell.locator('.card-value');
    await expect(number).toHaveText(String(n));
    const label = (await panel.getByTestId(`rfm-${cls}`).locator('.card-label').innerText()).split(/\s/)[0]!;
    await number.getByRole('button').click();
    await expectDrawer(panel, label, n);
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-members-rfm-zh.png') });
    await closeDrawer(panel);

    // 未购未召回 under the 未购回访 funnel: assets that did not come back in W.
    await overview(panel);
    const p = report.taobao.pathways.unpurchasedReturn;
    const notRecalled = p.assets - p.recalled;
    expect(notRecalled).toBeGreaterThan(0);
    const step = panel.getByTestId('funnel-unpurchasedReturn-notRecalled');
    await expect(step).toHaveText(`未购未召回 ${notRecalled} 人`);
    await step.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-members-funnels-zh.png') });
    await step.click();
    const drawer = await expectDrawer(panel, '未购未召回', notRecalled);
    // Nobody not recalled bought in W: every row's 最近购买 is before W or none.
    const lastDays = await drawer.locator('[data-testid=member-row] .m-last').allInnerTexts();
    expect(lastDays.length).toBeGreaterThan(0);
    for (const d of lastDays) expect(d === '—' || d < report.window.start).toBe(true);
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-members-pathway-zh.png') });
    await closeDrawer(panel);

    // The same drawer in English.
    await panel.getByTestId('lang-toggle').click();
    try {
      await expect(panel.getByTestId('view-overview')).toHaveText('Overview');
      await panel.getByTestId('tier-firstOrder').click();
      const en = panel.getByTestId('members-drawer');
      await expect(en.getByTestId('members-title')).toHaveText('First-order');
      await expect(en.getByTestId('members-count')).toHaveText(`${report.douyin.firstOrder} people`);
      await expect(en.getByTestId('members-save')).toHaveText('Save as audience');
      await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-members-tier-en.png') });
      await closeDrawer(panel);
    } finally {
      await panel.getByTestId('lang-toggle').click();
      await expect(panel.getByTestId('view-overview')).toHaveText('概览');
    }
  });
});
