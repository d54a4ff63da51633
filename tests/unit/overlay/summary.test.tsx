// @vitest-environment happy-dom
/** The overlay's badge unit and its summary when capture ends (components/overlay/summary.ts, SummaryBox.tsx), zh and en. */
import { afterEach, describe, expect, test } from 'vitest';
import { badgeText, buildSummary, type StoredAnswer } from '@/components/overlay/summary';
import { SummaryBox } from '@/components/overlay/SummaryBox';
import { setOverlayLang } from '@/components/overlay/text';
import { rowRef } from '@/lib/capture/row-ref';
import { NO_VISITOR_REASON } from '@/lib/capture/adapters/sycm-visitors';
import { renderApp, unmountApp } from '../capture/render-taobao';

afterEach(() => {
  unmountApp();
  setOverlayLang('zh');
});

describe('the badge unit by what the page stores', () => {
  test('zh', () => {
    expect(badgeText('orders', 123)).toBe('已采集 123 笔订单');
    expect(badgeText('contacts', 45)).toBe('已采集 45 位访客');
    expect(badgeText('customers', 32)).toBe('已采集 32 位客户');
    expect(badgeText('snapshots', 1)).toBe('已采集 1 组卡片');
    expect(badgeText('rows', 7)).toBe('已采集 7 行');
    expect(badgeText(null, 0)).toBe('已采集 0');
  });
  test('en', () => {
    setOverlayLang('en');
    expect(badgeText('orders', 123)).toBe('Captured 123 orders');
    expect(badgeText('contacts', 45)).toBe('Captured 45 visitors');
    expect(badgeText('snapshots', 1)).toBe('Captured 1 card set(s)');
  });
});

const visitorPage = (page: number, keys: string[], extra: Partial<StoredAnswer> = {}): StoredAnswer => ({
  primary: 'contacts',
  shopName: '小店',
  keys,
  added: keys.length,
  updated: 0,
  days: { from: '2026-11-20', to: '2026-11-20' },
  rejected: [],
  ...extra,
});

describe('the summary builder', () => {
  test('records once by key, the widest day range, new / updated / unchanged, skips apart from errors', () => {
    const answers: StoredAnswer[] = [
      visitorPage(1, ['a', 'b', 'c'], {
        added: 2,
        updated: 1,
        days: { from: '2026-11-19', to: '2026-11-20' },
        rejected: [
          { key: 'r1', row: 1, reason: NO_VISITOR_REASON, page: 1, ref: null },
          { key: 'r2', row: 4, reason: 'missing 访问时间', page: 1, ref: null },
        ],
      }),
      // Page 2: b seen again unchanged, d new; the same anonymous row read again is one row.
      visitorPage(2, ['b', 'd'], {
        added: 1,
        updated: 0,
        days: { from: '2026-11-18', to: '2026-11-20' },
        rejected: [
          { key: 'r1', row: 1, reason: NO_VISITOR_REASON, page: 2, ref: null },
          { key: 'r3', row: 0, reason: NO_VISITOR_REASON, page: 2, ref: null },
        ],
      }),
      visitorPage(3, [], { days: null }),
    ];
    const s = buildSummary(answers);
    expect(s).toEqual({
      shopName: '小店',
      primary: 'contacts',
      records: 4,
      range: { from: '2026-11-18', to: '2026-11-20' },
      added: 3,
      updated: 1,
      unchanged: 0,
      skipped: [{ why: 'anonymousVisitor', n: 2 }],
      errors: [{ key: 'r2', row: 4, reason: 'missing 访问时间', page: 1, ref: null }],
    });
  });

  test('a record new on one page and changed on a later one counts once; nothing stored → an empty summary', () => {
    const s = buildSummary([
      { primary: 'orders', shopName: 'S', keys: ['o1', 'o2'], added: 2, updated: 0, days: null, rejected: [] },
      { primary: 'orders', shopName: 'S', keys: ['o2'], added: 0, updated: 1, days: null, rejected: [] },
    ]);
    expect([s.records, s.added, s.updated, s.unchanged, s.range]).toEqual([2, 2, 0, 0, null]);
    expect(buildSummary([])).toEqual({ shopName: '', primary: null, records: 0, range: null, added: 0, updated: 0, unchanged: 0, skipped: [], errors: [] });
  });

  test('the order number of a row: its 订单编号 column, else "订单编号：…" in a cell', () => {
    expect(rowRef(['订单号', '买家'], [['6919487795067412060', 'a']], 0)).toBe('6919487795067412060');
    expect(rowRef(['商品', '买家'], [['订单编号：6919487795067412061 下单时间 2026-11-20', 'a']], 0)).toBe('6919487795067412061');
    expect(rowRef(['访客', '访问时间'], [['-', '10:00']], 0)).toBeNull();
    expect(rowRef(['订单号'], [], 3)).toBeNull();
  });
});

describe('the summary box', () => {
  const summary = buildSummary([
    {
      primary: 'orders',
      shopName: '抖音小店',
      keys: ['o1', 'o2', 'o3'],
      added: 2,
      updated: 1,
      days: { from: '2026-11-01', to: '2026-11-20' },
      rejected: [{ key: 'x', row: 2, reason: '实付金额: unreadable "abc"', page: 3, ref: '6919487795067412060' }],
    },
  ]);

  test('shop, dates, new / updated, errors with page and order number, 打开侧边栏 (zh)', async () => {
    let opened = 0;
    await renderApp(<SummaryBox summary={summary} state="done" onOpenPanel={() => opened++} panelStatus={null} onClose={() => undefined} />);
    const box = document.querySelector('[data-testid="capture-summary"]')!;
    expect(box.querySelector('.sl-summary-title')?.textContent).toBe('采集完成');
    expect(box.querySelector('[data-testid="summary-shop"]')?.textContent).toBe('店铺：抖音小店');
    expect(box.querySelector('[data-testid="summary-range"]')?.textContent).toBe('日期：2026-11-01 至 2026-11-20');
    expect(box.querySelector('[data-testid="summary-records"]')?.textContent).toBe('已采集 3 笔订单 · 新增 2 · 更新 1 · 未变 0');
    expect(box.querySelector('[data-testid="summary-errors"] li')?.textContent).toBe('第 3 页 · 订单 6919487795067412060 · 第 3 行：实付金额: unreadable "abc"');
    (box.querySelector('[data-testid="open-side-panel"]') as HTMLButtonElement).click();
    expect(opened).toBe(1);
  });

  test('a walk stopped at the page cap is not called finished', async () => {
    await renderApp(<SummaryBox summary={summary} state="capped" panelStatus={null} />);
    expect(document.querySelector('.sl-summary-title')?.textContent).toBe('采集已停止');
  });

  test('skipped visitors neutrally, no open button where the browser cannot open the panel (en)', async () => {
    setOverlayLang('en');
    const s = buildSummary([visitorPage(1, ['a'], { rejected: [{ key: 'r', row: 0, reason: NO_VISITOR_REASON, page: null, ref: null }] })]);
    await renderApp(<SummaryBox summary={s} state="stopped" panelStatus={null} />);
    const box = document.querySelector('[data-testid="capture-summary"]')!;
    expect(box.querySelector('.sl-summary-title')?.textContent).toBe('Capture stopped');
    expect(box.querySelector('[data-testid="summary-skipped"]')?.textContent).toBe('Skipped 1 visitors not logged in (normal: the platform does not show them)');
    expect(box.querySelector('[data-testid="summary-errors"]')?.textContent).toBe('No rows failed to read');
    expect(box.querySelector('[data-testid="open-side-panel"]')).toBeNull();
  });
});
