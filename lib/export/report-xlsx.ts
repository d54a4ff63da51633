/**
 * The §9 report as a workbook a merchant reads in Excel: one sheet per section, zh-CN headers,
 * money in yuan (numbers, two decimals), rates as percentages, a rate without a denominator as "—".
 * The JSON report stays the exact, versioned format; this is its readable companion.
 */
import type { Report } from '../engine/report';
import { RFM_CLASSES } from '../engine/rfm';
import { reportFileName } from './download-names';
import { toXlsxWorkbook, type XlsxColumn, type XlsxSheet } from './xlsx';

type Kind = XlsxColumn<unknown>['kind'];
/** A key/value row whose value cell is formatted by its kind. */
interface KV {
  label: string;
  value: number | string | null;
  kind: Kind;
}

const DASH = '—';
const yuan = (fen: number) => fen / 100;
const rateCell = (r: number | null): number | string => (r === null ? DASH : r);

/** A value column that formats each row by its kind ("—" stays text). */
function valueColumn<R extends { kind?: Kind }>(header: string, get: (r: R) => number | string | null): XlsxColumn<R> {
  return {
    header,
    value: (r) => {
      const v = get(r);
      return v === null ? DASH : v;
    },
    kindOf: (r) => (typeof get(r) === 'number' ? r.kind : 'text'),
  };
}

function kvSheet(name: string, keyHeader: string, valueHeader: string, rows: KV[]): XlsxSheet<KV> {
  return { name, columns: [{ header: keyHeader, value: (r) => r.label, kind: 'text' }, valueColumn<KV>(valueHeader, (r) => r.value)], rows };
}

const RFM_ZH: Record<(typeof RFM_CLASSES)[number], string> = {
  importantValue: '重要价值',
  importantDevelop: '重要发展',
  importantKeep: '重要保持',
  importantRetain: '重要挽留',
  generalValue: '一般价值',
  generalDevelop: '一般发展',
  generalKeep: '一般保持',
  generalRetain: '一般挽留',
};

/** The sheets of a report (exposed for tests and for callers who add their own). */
export function reportSheets(r: Report): XlsxSheet<any>[] {
  const m = r.metrics;
  const tb = r.taobao;
  const count = (label: string, value: number): KV => ({ label, value, kind: 'number' });
  const money = (label: string, fen: number | null): KV => ({ label, value: fen === null ? null : yuan(fen), kind: 'money' });
  const rate = (label: string, v: number | null): KV => ({ label, value: v, kind: 'percent' });

  const overview: KV[] = [
    { label: '店铺ID', value: r.shopId, kind: 'text' },
    { label: '统计周期', value: `${r.window.start} 至 ${r.window.end}`, kind: 'text' },
    { label: '对比周期', value: `${r.previousWindow.start} 至 ${r.previousWindow.end}`, kind: 'text' },
    money('成交金额(元)', m.gmvFen),
    count('成交订单数', m.orders),
    count('成交人数', m.purchasers),
    money('客单价(元)', m.aovFen),
    { label: '报告格式', value: `${r.format} v${r.version}`, kind: 'text' },
  ];
  const douyin: KV[] = [
    count('用户', r.douyin.users),
    count('成交用户', r.douyin.purchasers),
    count('首单用户', r.douyin.firstOrder),
    count('复购用户', r.douyin.repeat),
    count('高潜用户', r.douyin.highPotential),
    count('新客黄金期', r.goldenWindow),
  ];

  type ClassRow = { label: string; customers: number; purchasers: number; gmvFen: number };
  const classes: XlsxSheet<ClassRow> = {
    name: '客户概况',
    columns: [
      { header: '客户类型', value: (x) => x.label, kind: 'text' },
      { header: '人数', value: (x) => x.customers, kind: 'number' },
      { header: '成交人数', value: (x) => x.purchasers, kind: 'number' },
      { header: '成交金额(元)', value: (x) => yuan(x.gmvFen), kind: 'money' },
    ],
    rows: [
      { label: '新访客户', customers: tb.newVisitors, ...tb.byClass.newVisitors },
      { label: '未购客户回访', customers: tb.unpurchasedReturning, ...tb.byClass.unpurchasedReturning },
      { label: '已购客户回访', customers: tb.purchasedReturning, ...tb.byClass.purchasedReturning },
    ],
  };

  type PathRow = { label: string; base: number; recalled: number | null; recallRate: number | null | undefined; converted: number; payConversion: number | null | undefined; rate: number | null; previous: number | null };
  const p = tb.pathways;
  const pct = (get: (x: PathRow) => number | null | undefined): XlsxColumn<PathRow> => ({
    header: '',
    value: (x) => {
      const v = get(x);
      return v === undefined ? undefined : rateCell(v);
    },
    kindOf: (x) => (typeof get(x) === 'number' ? 'percent' : 'text'),
  });
  const pathways: XlsxSheet<PathRow> = {
    name: '三大通路',
    columns: [
      { header: '通路', value: (x) => x.label, kind: 'text' },
      { header: '基数(人)', value: (x) => x.base, kind: 'number' },
      { header: '召回人数', value: (x) => x.recalled ?? undefined, kind: 'number' },
      { ...pct((x) => x.recallRate), header: '召回率' },
      { header: '成交人数', value: (x) => x.converted, kind: 'number' },
      { ...pct((x) => x.payConversion), header: '支付转化率' },
      { ...pct((x) => x.rate), header: '成交率' },
      { ...pct((x) => x.previous), header: '上期成交率' },
    ],
    rows: [
      { label: '新访当日成交转化率', base: p.newVisitorSameDay.base, recalled: null, recallRate: undefined, converted: p.newVisitorSameDay.converted, payConversion: undefined, rate: p.newVisitorSameDay.rate, previous: tb.previous.newVisitorSameDay },
      { label: '回访成交率（未购资产）', base: p.unpurchasedReturn.assets, recalled: p.unpurchasedReturn.recalled, recallRate: p.unpurchasedReturn.recallRate, converted: p.unpurchasedReturn.converted, payConversion: p.unpurchasedReturn.payConversion, rate: p.unpurchasedReturn.rate, previous: tb.previous.unpurchasedReturn },
      { label: '老客复购率（已购资产）', base: p.repurchase.assets, recalled: p.repurchase.recalled, recallRate: p.repurchase.recallRate, converted: p.repurchase.converted, payConversion: p.repurchase.payConversion, rate: p.repurchase.rate, previous: tb.previous.repurchase },
    ],
  };

  const assets: KV[] = [count('关系资产', r.assets.relationship), count('进店活跃资产', r.assets.active), count('未进店资产', r.assets.dormant)];

  type CmpRow = { label: string; cur: number | null; prev: number | null; change: number | null; kind: Kind };
  const cmp = (label: string, cur: number | null, prev: number | null, change: number | null, isMoney: boolean): CmpRow => ({
    label,
    cur: cur === null ? null : isMoney ? yuan(cur) : cur,
    prev: prev === null ? null : isMoney ? yuan(prev) : prev,
    change,
    kind: isMoney ? 'money' : 'number',
  });
  const keyMetrics: XlsxSheet<CmpRow> = {
    name: '成交指标',
    columns: [
      { header: '指标', value: (x) => x.label, kind: 'text' },
      valueColumn<CmpRow>('本期', (x) => x.cur),
      valueColumn<CmpRow>('上期', (x) => x.prev),
      { header: '变化', value: (x) => rateCell(x.change), kindOf: (x) => (x.change === null ? 'text' : 'percent') },
    ],
    rows: [
      cmp('成交金额(元)', m.gmvFen, m.previous.gmvFen, m.change.gmvFen, true),
      cmp('成交订单数', m.orders, m.previous.orders, m.change.orders, false),
      cmp('成交人数', m.purchasers, m.previous.purchasers, m.change.purchasers, false),
      cmp('客单价(元)', m.aovFen, m.previous.aovFen, m.change.aovFen, true),
    ],
  };

  const mix: KV[] = [
    money('体裁 直播 成交金额(元)', m.gmvByChannel.live),
    money('体裁 短视频 成交金额(元)', m.gmvByChannel.video),
    money('体裁 商品卡 成交金额(元)', m.gmvByChannel.card),
    money('体裁 其他 成交金额(元)', m.gmvByChannel.other),
    rate('付费流量 成交人数占比', m.trafficPersonsShare.paid),
    rate('自然流量 成交人数占比', m.trafficPersonsShare.organic),
    rate('来源未知 成交人数占比', m.trafficPersonsShare.unknown),
    rate('付费流量 成交金额占比', m.trafficGmvShare.paid),
    rate('自然流量 成交金额占比', m.trafficGmvShare.organic),
    rate('来源未知 成交金额占比', m.trafficGmvShare.unknown),
    rate('粉丝贡献金额占比', m.fanGmvShare),
  ];

  type Band = Report['metrics']['priceBands'][number];
  const bands: XlsxSheet<Band> = {
    name: '价格带分布',
    columns: [
      { header: '价格带(元)', value: (b) => (b.toYuan === null ? `${b.fromYuan} 以上` : `${b.fromYuan}–${b.toYuan}`), kind: 'text' },
      { header: '订单数', value: (b) => b.orders, kind: 'number' },
    ],
    rows: m.priceBands,
  };
  type Day = Report['metrics']['daily'][number];
  const daily: XlsxSheet<Day> = {
    name: '每日成交',
    columns: [
      { header: '日期', value: (d) => d.day, kind: 'text' },
      { header: '成交金额(元)', value: (d) => yuan(d.gmvFen), kind: 'money' },
      { header: '成交订单数', value: (d) => d.orders, kind: 'number' },
      { header: '成交人数', value: (d) => d.purchasers, kind: 'number' },
    ],
    rows: m.daily,
  };
  const rfm: KV[] = RFM_CLASSES.map((k) => count(RFM_ZH[k], r.rfm[k]));
  const coverage: KV[] = [
    rate('性别、城市、手机号均已知', r.coverage.all),
    rate('性别', r.coverage.gender),
    rate('城市', r.coverage.city),
    rate('手机号（完整号码）', r.coverage.phone),
    rate('目标', 0.7),
  ];

  return [
    kvSheet('概览', '项目', '数值', overview),
    kvSheet('用户资产', '用户分层', '人数', douyin),
    classes,
    pathways,
    kvSheet('店铺客户资产', '资产', '人数', assets),
    keyMetrics,
    kvSheet('成交构成', '项目', '数值', mix),
    bands,
    daily,
    kvSheet('八大客户类型', '客户类型', '人数', rfm),
    kvSheet('基准数据覆盖率', '字段', '覆盖率', coverage),
  ];
}

/** XLSX bytes of the report and its file name `seller-lens-report-<shopId>-<from>-<to>.xlsx`. */
export async function reportXlsx(r: Report, opts: { at?: Date } = {}): Promise<{ name: string; bytes: Uint8Array }> {
  const bytes = await toXlsxWorkbook(reportSheets(r), opts);
  return { name: reportFileName(r.shopId, r.window.start, r.window.end).replace(/\.json$/, '.xlsx'), bytes };
}
