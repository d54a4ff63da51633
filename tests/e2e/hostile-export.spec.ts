/**
 * Hostile inputs through the exports (issue 11 item 11), one test per input, in ONE browser: a shop
 * restored from a backup whose shop id / name hold path and bidi characters, whose customers are
 * named `constructor`, `=HYPERLINK(…)`, `\t=…`, 10,000 characters or a lone surrogate, carry tags
 * `constructor` / `__proto__` and phones in every spelling, and whose 罗盘 figures include metrics
 * named `constructor` and `toString`. Then year-0001 and year-9999 orders, and a 10,000-deep
 * audience expression.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, launchWithExtension, test } from './extension';

const SHOP_ID = '../店\u202Eexe.txt';
const SHOP_NAME = '恶意\u202E店/..\\名';
const AT = '2026-11-20T10:00:00+08:00';
const FORMULAS = ['=HYPERLINK("http://x","点我")', '+1+1', '-1-1', '@SUM(A1)', '\t=cmd', '\r=cmd'];
const LONG = '长'.repeat(10_000);
const LONE = 'lone\ud800surrogate';
const PHONES = ['+86 138 1234 1234', '86-138-1234-1235', '0086 138-1234-1236', '138 1234 1237', '138****1238'];
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

interface Person {
  nickname: string;
  phone?: string;
  tags?: string[];
}
const people: Person[] = [
  { nickname: 'constructor', phone: PHONES[0], tags: ['constructor', '__proto__'] },
  { nickname: '__proto__', phone: PHONES[1], tags: ['toString'] },
  ...FORMULAS.map((nickname, i) => ({ nickname, ...(i < 3 ? { phone: PHONES[2 + i] } : {}) })),
  { nickname: LONG },
  { nickname: LONE },
];

/** A §9 backup (whole-file JSON) of one shop; `orders` defaults to one paid order per person. */
function backup(shopId: string, name: string, extra: { placedAt?: string; metrics?: boolean } = {}): string {
  const key = (p: Person) => `douyin:${shopId}:nick:${p.nickname}`;
  return JSON.stringify({
    format: 'seller-lens-backup',
    version: 1,
    exportedAt: AT,
    shop: { shopId, platform: 'douyin', name },
    customers: people.map((p) => ({ customerKey: key(p), shopId, nickname: p.nickname, ...(p.phone ? { phone: p.phone } : {}), tags: p.tags ?? [] })),
    orders: people.map((p, i) => ({
      orderId: `o${i}`,
      shopId,
      customerKey: key(p),
      placedAt: i === 0 && extra.placedAt ? extra.placedAt : `2026-11-${String(10 + i).padStart(2, '0')}T12:00:00+08:00`,
      amountFen: 1000 + i,
      quantity: 1,
      productName: '猫砂',
      channel: 'live',
      traffic: 'paid',
      status: 'paid',
    })),
    contacts: [],
    captures: [],
    platformSnapshots: extra.metrics
      ? ['2026-11-19', '2026-11-20'].map((seenOn, i) => ({
          shopId,
          source: 'compass-user-asset',
          seenOn,
          metrics: { purchasers: { value: 10 + i }, constructor: { value: 5 }, toString: { value: 6 }, hasOwnProperty: { value: 7 } },
        }))
      : [],
    audiences: [],
    exports: [],
  });
}

test.describe.serial('hostile export inputs', () => {
  let context: BrowserContext;
  let panel: Page;
  const dv = (id: string) => panel.getByTestId(id);

  /** Chooses a backup file and confirms (as the selected shop, or as another one). */
  async function restore(text: string): Promise<void> {
    await dv('restore-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const confirm = dv('restore-confirm-button').or(dv('restore-as-other')).or(dv('restore-status').and(panel.locator('[data-state="error"]')));
    await confirm.first().waitFor();
    if (await dv('restore-as-other').isVisible()) await dv('restore-as-other').click();
    else if (await dv('restore-confirm-button').isVisible()) await dv('restore-confirm-button').click();
  }

  async function download(testId: string) {
    const [dl] = await Promise.all([panel.waitForEvent('download'), dv(testId).click()]);
    return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
  }

  async function openAudience(expression: string) {
    await dv('view-audience').click();
    await showExpression();
    await dv('audience-expression').fill(expression);
    await expect(dv('audience-size')).toHaveAttribute('data-value', /\d+/, { timeout: 30_000 });
    await dv('audience-step-export').click(); // the export buttons are 人群's step 导出 (issue 13 item 5)
  }

  /** 人群 · 圈选 with the expression unfolded (it sits under 高级, issue 13 item 5). */
  async function showExpression() {
    await dv('audience-step-select').click();
    if (!(await dv('audience-expression').isVisible())) await dv('audience-advanced').locator('summary').click();
  }

  test.beforeAll(async () => {
    const launched = await launchWithExtension();
    context = launched.context;
    panel = await context.newPage();
    await panel.setViewportSize({ width: 520, height: 1000 });
    await panel.goto(`chrome-extension://${launched.extensionId}/sidepanel.html`);
    await restore(backup(SHOP_ID, SHOP_NAME, { metrics: true }));
    await expect(dv('restore-status')).toHaveAttribute('data-state', 'done');
    await expect(dv('shop-picker')).toHaveValue(SHOP_ID);
    await expect(dv('export-report')).toBeEnabled({ timeout: 60_000 });
  });
  test.afterAll(async () => {
    await context?.close();
  });

  test('罗盘 metrics named constructor / toString / hasOwnProperty: the 数据 view shows them, no crash', async () => {
    await dv('view-data').click();
    await expect(dv('history-compass-user-asset')).toBeVisible();
    await expect(dv('view-error')).toHaveCount(0);
    await dv('view-settings').click(); // 删除 lives in 设置与数据 (issue 13 item 9)
    await expect(dv('delete-shop')).toBeEnabled();
  });

  test('tags constructor / __proto__ / toString are ordinary tags of the people who carry them', async () => {
    for (const [tag, n] of [['manual:constructor', '1'], ['manual:__proto__', '1'], ['manual:toString', '1']] as const) {
      await openAudience(`"${tag}"`);
      await expect(dv('audience-size')).toHaveAttribute('data-value', n);
    }
    await expect(dv('view-error')).toHaveCount(0);
  });

  test('formula cells (=, +, -, @, tab, CR) and a constructor nickname through CSV: every one prefixed with \'', async () => {
    await openAudience('all');
    await expect(dv('audience-size')).toHaveAttribute('data-value', String(people.length));
    await dv('audience-control').uncheck();
    const csv = await download('export-audience-csv');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\ufeff客户,')).toBe(true);
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""点我"")"');
    for (const f of ['+1+1', '-1-1', '@SUM(A1)']) expect(text).toContain(`\n'${f},`);
    expect(text).toContain(`\n'\t=cmd,`); // a tab needs no quotes
    expect(text).toContain(`"'\r=cmd"`);
    expect(text).toContain('\nconstructor,');
    expect(text).toContain('\n__proto__,');
  });

  test('formula cells through XLSX are text cells, never formulas', async () => {
    const xlsx = await download('export-audience-xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names: unknown[] = [];
    ws.eachRow((row, i) => {
      if (i === 1) return;
      expect(row.getCell(1).formula).toBeUndefined();
      names.push(row.getCell(1).value);
    });
    for (const f of FORMULAS) expect(names).toContain(f.replace('\r', '\n'));
  });

  test('a 10,000-character nickname and a lone surrogate through XLSX give a valid file', async () => {
    const xlsx = await download('export-audience-xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
    const names: unknown[] = [];
    wb.worksheets[0]!.eachRow((row, i) => i > 1 && names.push(row.getCell(1).value));
    expect(names).toContain(LONG);
    expect(names).toContain('lone\ufffdsurrogate');
  });

  test('path and bidi characters in the shop id and name stay out of download file names', async () => {
    const names = [(await download('export-audience-csv')).name, (await download('export-audience-xlsx')).name, (await download('export-backup')).name];
    for (const n of names) {
      expect(n).not.toMatch(/[/\\\u202a-\u202e\u2066-\u2069]/);
      expect(n.startsWith('seller-lens-')).toBe(true);
    }
    expect(names[2]).toMatch(/^seller-lens-backup-_\._店exe\.txt-\d{8}\.json$/);
  });

  test('phone variants (+86, spaces, dashes, 86-prefixed, masked) in a DMP file: one bare number each, masked left out', async () => {
    await dv('audience-dmp-preset').selectOption('damopan');
    await dv('audience-dmp-identifier').selectOption('phone-md5');
    const dmp = await download('export-audience-dmp');
    expect(dmp.name.endsWith('.txt')).toBe(true);
    const lines = dmp.bytes.toString('utf8').split('\n').sort();
    expect(lines).toEqual(['13812341234', '13812341235', '13812341236', '13812341237'].map(md5).sort());
    await expect(dv('dmp-summary')).toHaveAttribute('data-exported', '4');
    await expect(dv('dmp-summary')).toHaveAttribute('data-skipped', String(people.length - 4));
  });

  test('10,000 nested parentheses in an audience expression: a clear refusal, no stack overflow', async () => {
    await dv('view-audience').click();
    await showExpression();
    await dv('audience-expression').fill(`${'('.repeat(10_000)}all${')'.repeat(10_000)}`);
    await expect(dv('audience-error')).toContainText('括号嵌套超过 100 层', { timeout: 30_000 });
    await expect(dv('view-error')).toHaveCount(0);
  });

  test('a restored order of year 0001 is refused clearly; nothing restored', async () => {
    await restore(backup('Y0001', '零年店', { placedAt: '0001-01-01T00:00:00+08:00' }));
    await expect(dv('restore-status')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    await expect(dv('restore-status')).toContainText('0001-01-01T00:00:00+08:00');
    await expect(panel.locator('[data-testid="shop-picker"] option[value="Y0001"]')).toHaveCount(0);
  });

  test('a restored order of year 9999 restores and is shown (latest day 9999-12-31), never a crash', async () => {
    await restore(backup('Y9999', '万年店', { placedAt: '9999-12-31T12:00:00+08:00' }));
    await expect(dv('restore-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    // Restored as another shop than the one selected: pick it.
    await dv('shop-picker').selectOption('Y9999');
    await dv('view-overview').click();
    await expect(panel.getByText('9999-12-31').first()).toBeVisible({ timeout: 60_000 });
    await expect(dv('view-error')).toHaveCount(0);
    await expect(panel.getByTestId('app-error')).toHaveCount(0);
  });
});
