/**
 * Every CSV and XLSX export opened in a real spreadsheet engine (issue 13 item 6): LibreOffice Calc,
 * headless, converts all files at once (one soffice run) to .xlsx, and the cells are read back with
 * exceljs. What a merchant sees must be exactly the text written: 19-digit order numbers, ids with
 * leading zeros, formula-guarded cells (SPEC §7: the ' stays visible, nothing is evaluated),
 * Chinese and emoji.
 *
 * The CSV import options are what Calc's Text Import dialog picks for our files: comma separated,
 * " as text delimiter, UTF-8 (the file starts with the UTF-8 BOM), from row 1; everything else is
 * Calc's default (formulas evaluated, quoted fields not forced to text).
 *
 * Not skipped when soffice is missing: scripts/ensure-libreoffice.mjs (run by `npm run test:unit`)
 * installs it; without it this fails with the install command.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, computeReport } from '@/lib/engine';
import { crmPlanFiles, type CrmPlanRow } from '@/lib/export/crm-plan';
import { csvFormat, xlsxFormat, type FormatInput } from '@/lib/export/formats';
import { reportXlsx } from '@/lib/export/report-xlsx';
import { tierAudienceCsv } from '@/lib/export/tier-csv';
import { cust, order, world } from '../engine/world';

const SOFFICE = process.env.SOFFICE_PATH ?? 'soffice';
const INSTALL_HINT =
  `LibreOffice Calc (${SOFFICE}) is needed to open the exports in a real spreadsheet.\n` +
  '  Install it with:  node scripts/ensure-libreoffice.mjs   (as root it installs via apt)\n' +
  '  or:               sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui\n' +
  '  or point SOFFICE_PATH at a soffice binary.';

// ---- hostile members: what a spreadsheet likes to "help" with ----
const LONG_ID = '6919487795067412060';
const ZERO_ID = '0012345';
const members: FormatInput['members'] = [
  { customerKey: `douyin:s1:id:${ZERO_ID}`, nickname: '=HYPERLINK("http://x")', buyerId: ZERO_ID, phone: '13800138000', province: '四川省', city: '成都市', tags: ['老客', '🐟'] },
  { customerKey: `douyin:s1:id:${LONG_ID}`, nickname: '小🐟围巾', buyerId: LONG_ID, phone: '138****1234', memberLevel: 'VIP会员' },
  { customerKey: 'douyin:s1:nick:00123', nickname: '00123', buyerId: '-12', phone: '+86 13800138000', tags: ['@x'] },
  { customerKey: 'douyin:s1:id:b4', nickname: 'a,"b"\n第二行', buyerId: 'b4', phone: '00861380013800' },
];
const input: FormatInput = {
  members,
  stats: new Map([[`douyin:s1:id:${ZERO_ID}`, { paidOrders: 2, gmvFen: 12345, firstPaidAt: '2026-11-02T10:00:00+08:00', lastPaidAt: '2026-11-20T13:45:12+08:00' }]]),
  orders: [],
  shopId: '0010001',
  platform: 'douyin',
  audienceName: '复购',
  window: { start: '2026-11-01', end: '2026-11-30' },
  at: '2026-12-01T09:00:00+08:00',
};
/** The text columns of the audience files, as the merchant must see them (written by hand). */
const AUDIENCE_TEXT: Record<string, string>[] = [
  { 客户: "'=HYPERLINK(\"http://x\")", 买家ID: ZERO_ID, 手机号: '13800138000', 省份: '四川省', 城市: '成都市', 标签: '老客、🐟', 客户标识: `douyin:s1:id:${ZERO_ID}` },
  { 客户: '小🐟围巾', 买家ID: LONG_ID, 手机号: '138****1234', 会员等级: 'VIP会员', 客户标识: `douyin:s1:id:${LONG_ID}` },
  { 客户: '00123', 买家ID: "'-12", 手机号: "'+86 13800138000", 标签: "'@x", 客户标识: 'douyin:s1:nick:00123' },
  { 客户: 'a,"b"\n第二行', 买家ID: 'b4', 手机号: '00861380013800', 客户标识: 'douyin:s1:id:b4' },
];
/** In XLSX nothing needs a guard: a text cell is never a formula, so it holds the value as is. */
const unguard = (rows: Record<string, string>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(/^'(?=[=+\-@])/, '')])));

const crmRows: CrmPlanRow[] = [
  { orderId: LONG_ID, productName: '猫砂 豆腐砂🐱', delayTo: '2026-03-05', solution: '换同款', reason: '=仓库盘点' },
  { orderId: ZERO_ID, productName: '羊毛围巾', delayTo: '2026-12-31', solution: '退款', reason: '工厂延期' },
];
const CRM_DELAY_TEXT = [
  { 订单号: LONG_ID, 商品名称: '猫砂 豆腐砂🐱', 延迟发货时间: '03月05日', 原因: "'=仓库盘点" },
  { 订单号: ZERO_ID, 商品名称: '羊毛围巾', 延迟发货时间: '12月31日', 原因: '工厂延期' },
];
const CRM_STOCK_TEXT = [
  { 订单号: LONG_ID, 商品名称: '猫砂 豆腐砂🐱', 解决方案: '换同款', 原因: '=仓库盘点' },
  { 订单号: ZERO_ID, 商品名称: '羊毛围巾', 解决方案: '退款', 原因: '工厂延期' },
];

// A tier export: 首单 of a window, from a world whose buyer ids are digit strings.
const tierWorld = world({
  customers: [cust('a', { buyerId: ZERO_ID, nickname: '首单🐟', phone: '13800138000' })],
  orders: [order('a', { placedAt: '2026-11-10', paidAt: '2026-11-10', status: 'paid', amountFen: 1230, orderId: LONG_ID })],
});
const tierWindow = { start: '2026-11-01', end: '2026-11-30' };

let dir = '';
const outputs = new Map<string, Uint8Array>();
/** Why the files could not be opened (each test fails with it: a missing soffice never reads as skipped). */
let setupError: Error | null = null;

beforeAll(async () => {
  try {
    await openAll();
  } catch (e) {
    setupError = e as Error;
  }
}, 150_000);

/** Writes every export, converts them all in one soffice run and keeps the converted bytes. */
async function openAll() {
  const version = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) throw new Error(INSTALL_HINT);
  dir = mkdtempSync(join(tmpdir(), 'seller-lens-roundtrip-'));
  const files: Record<string, Uint8Array> = {
    'audience-csv.csv': (await csvFormat.write(input, { kind: 'csv' })).files[0]!.bytes,
    'audience-xlsx.xlsx': (await xlsxFormat.write(input, { kind: 'xlsx' })).files[0]!.bytes,
    'tier-csv.csv': tierAudienceCsv(tierWorld, buildSnapshot(tierWorld), tierWindow, 'firstOrder').bytes,
    'crm-delay-csv.csv': (await crmPlanFiles(crmRows, { kind: 'delay', format: 'csv', shopId: 's1', planName: 'x' })).files[0]!.bytes,
    'crm-delay-xlsx.xlsx': (await crmPlanFiles(crmRows, { kind: 'delay', shopId: 's1', planName: 'x' })).files[0]!.bytes,
    'crm-stock-xlsx.xlsx': (await crmPlanFiles(crmRows, { kind: 'outOfStock', shopId: 's1', planName: 'x' })).files[0]!.bytes,
    'report-xlsx.xlsx': (await reportXlsx(computeReport(buildSnapshot(tierWorld), tierWindow))).bytes,
  };
  mkdirSync(join(dir, 'in'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, 'in', name), bytes);
  // One soffice run for every file (a few seconds); its own profile so parallel runs never share one.
  const run = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      join(dir, 'out'),
      ...Object.keys(files).map((n) => join(dir, 'in', n)),
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  // Each input has its own base name (a.csv and a.xlsx would both become out/a.xlsx).
  for (const name of Object.keys(files)) {
    try {
      outputs.set(name, readFileSync(join(dir, 'out', name.replace(/\.(csv|xlsx)$/, '.xlsx'))));
    } catch {
      throw new Error(`soffice did not convert ${name}: ${run.stderr || run.stdout || run.error?.message}`);
    }
  }
}

afterAll(() => {
  if (dir && !process.env.KEEP_ROUNDTRIP) rmSync(dir, { recursive: true, force: true });
});

/** What Calc shows in a cell: its text, or a formula's result; `type` says whether it is text. */
function shown(cell: ExcelJS.Cell): { text: string; isText: boolean } | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && 'richText' in v) return { text: v.richText.map((r) => r.text).join(''), isText: true };
  if (typeof v === 'object' && 'formula' in v) return { text: String(v.result ?? ''), isText: typeof v.result === 'string' };
  return { text: String(v), isText: typeof v === 'string' };
}

/** Rows of sheet `index` of the file as Calc saved it, as header → cell (row 1 = headers). */
async function opened(name: string, index = 0): Promise<Record<string, { text: string; isText: boolean }>[]> {
  if (setupError) throw setupError;
  const wb = new ExcelJS.Workbook();
  const bytes = outputs.get(name)!;
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[index]!;
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, col) => (headers[col] = shown(c)?.text ?? ''));
  const rows: Record<string, { text: string; isText: boolean }>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row: Record<string, { text: string; isText: boolean }> = {};
    headers.forEach((h, col) => {
      const s = shown(ws.getRow(r).getCell(col));
      if (s) row[h] = s;
    });
    rows.push(row);
  }
  return rows;
}

/** Every expected text cell reads back as exactly that text, in a text cell (not a number). */
async function expectText(name: string, expected: Record<string, string>[], index = 0) {
  const rows = await opened(name, index);
  expect(rows).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    for (const [header, text] of Object.entries(want)) {
      expect({ row: i + 1, header, cell: rows[i]![header] }).toEqual({ row: i + 1, header, cell: { text, isText: true } });
    }
  });
}

describe('exports opened in LibreOffice Calc read back exactly the text written', () => {
  it('audience CSV: ids keep every digit, guarded cells stay text, Chinese and emoji intact', async () => {
    await expectText('audience-csv.csv', AUDIENCE_TEXT);
    const rows = await opened('audience-csv.csv');
    // Counts and money stay numbers a merchant can sum.
    expect(rows[0]!['成交订单数']).toEqual({ text: '2', isText: false });
    expect(rows[0]!['成交金额(元)']).toEqual({ text: '123.45', isText: false });
  });

  it('audience XLSX: the same text, unguarded', async () => {
    await expectText('audience-xlsx.xlsx', unguard(AUDIENCE_TEXT));
  });

  it('tier CSV (首单 one-click export)', async () => {
    await expectText('tier-csv.csv', [{ 客户: '首单🐟', 客户分层: '首单用户', 买家ID: ZERO_ID, 手机号: '13800138000', 客户标识: 'douyin:S1:id:a' }]);
  });

  it('抖店 CRM plan CSV and XLSX: 19-digit order numbers and leading zeros intact', async () => {
    await expectText('crm-delay-csv.csv', CRM_DELAY_TEXT);
    await expectText('crm-delay-xlsx.xlsx', unguard(CRM_DELAY_TEXT));
    await expectText('crm-stock-xlsx.xlsx', CRM_STOCK_TEXT);
  });

  it('report XLSX: the shop id and labels as text', async () => {
    const rows = await opened('report-xlsx.xlsx');
    const shop = rows.find((r) => r['项目']?.text === '店铺ID');
    expect(shop?.['数值']).toEqual({ text: 'S1', isText: true });
  });
});
