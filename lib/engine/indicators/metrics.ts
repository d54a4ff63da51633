/**
 * 成交指标 (SPEC §5.1) of every customer over W: GMV, orders, purchasers, AOV, channel and traffic
 * mix, fans' share, price bands, the daily series, and the change vs the previous window (report
 * field `metrics`). Its tags are the purchase behaviour in W (./metrics-tags.ts).
 */
import { z } from 'zod';
import { keyMetricsOf, type WindowMetrics } from '../metrics';
import { Change, Count, Day, Money, Rate } from './fields';
import { purchaseTags } from './metrics-tags';
import { metricsWithPrevious } from './scans';
import { countRow, label, moneyRow, rateCell, rateRow, valueColumn, yuan } from './sheets';
import { defineIndicator, type CellKind, type SheetColumn } from './types';

const Traffic = z.object({ paid: Rate, organic: Rate, unknown: Rate });
const Totals = z.object({ gmvFen: Money, orders: Count, purchasers: Count, aovFen: Money.nullable() });
const CHANNEL_LABELS = { live: 'channelLive', video: 'channelVideo', card: 'channelCard', other: 'channelOther' } as const;
const TRAFFIC_LABELS = { paid: 'tag_trafficPaid', organic: 'tag_trafficOrganic', unknown: 'tag_trafficUnknown' } as const;

const schema = z.object({
  gmvFen: Money,
  orders: Count,
  purchasers: Count,
  aovFen: Money.nullable(),
  gmvByChannel: z.object({ live: Money, video: Money, card: Money, other: Money }),
  trafficPersonsShare: Traffic,
  trafficGmvShare: Traffic,
  fanGmvShare: Rate,
  priceBands: z.array(z.object({ fromYuan: z.number().nonnegative(), toYuan: z.number().nullable(), orders: Count })),
  daily: z.array(z.object({ day: Day, gmvFen: Money, orders: Count, purchasers: Count })),
  previous: Totals,
  change: z.object({ gmvFen: Change, orders: Change, purchasers: Change, aovFen: Change }),
});
type Field = z.infer<typeof schema>;

/** This period vs the previous one, money in yuan. */
type CmpRow = { label: string; cur: number | null; prev: number | null; change: number | null; kind: CellKind };
function cmp(l: string, cur: number | null, prev: number | null, change: number | null, isMoney: boolean): CmpRow {
  const conv = (v: number | null) => (v === null ? null : isMoney ? yuan(v) : v);
  return { label: l, cur: conv(cur), prev: conv(prev), change, kind: isMoney ? 'money' : 'number' };
}

function sheetsOf(m: Field) {
  const keyMetrics: { name: string; columns: SheetColumn<CmpRow>[]; rows: CmpRow[] } = {
    name: label('keyMetrics'),
    columns: [
      { header: label('xlsx_metric'), value: (x) => x.label, kind: 'text' },
      valueColumn<CmpRow>(label('xlsx_current'), (x) => x.cur),
      valueColumn<CmpRow>(label('xlsx_previous'), (x) => x.prev),
      { header: label('xlsx_change'), value: (x) => rateCell(x.change), kindOf: (x) => (x.change === null ? 'text' : 'percent') },
    ],
    rows: [
      cmp(label('xlsx_gmvYuan'), m.gmvFen, m.previous.gmvFen, m.change.gmvFen, true),
      cmp(label('orders'), m.orders, m.previous.orders, m.change.orders, false),
      cmp(label('buyers'), m.purchasers, m.previous.purchasers, m.change.purchasers, false),
      cmp(label('xlsx_aovYuan'), m.aovFen, m.previous.aovFen, m.change.aovFen, true),
    ],
  };
  const channels = ['live', 'video', 'card', 'other'] as const, sources = ['paid', 'organic', 'unknown'] as const;
  const mix = [
    ...channels.map((c) => moneyRow(label('xlsx_channelGmv', 'zh', { channel: label(CHANNEL_LABELS[c]) }), m.gmvByChannel[c])),
    ...sources.map((s) => rateRow(`${label(TRAFFIC_LABELS[s])} ${label('personsShare')}`, m.trafficPersonsShare[s])),
    ...sources.map((s) => rateRow(`${label(TRAFFIC_LABELS[s])} ${label('gmvShare')}`, m.trafficGmvShare[s])),
    rateRow(label('fanGmvShare'), m.fanGmvShare),
  ];
  type Band = Field['priceBands'][number];
  const bands: { name: string; columns: SheetColumn<Band>[]; rows: Band[] } = {
    name: label('xlsx_sheetBands'),
    columns: [
      {
        header: label('xlsx_bandYuan'),
        value: (b) => (b.toYuan === null ? label('xlsx_bandUp', 'zh', { from: b.fromYuan }) : label('xlsx_band', 'zh', { from: b.fromYuan, to: b.toYuan })),
        kind: 'text',
      },
      { header: label('xlsx_orderCount'), value: (b) => b.orders, kind: 'number' },
    ],
    rows: m.priceBands,
  };
  type DayRow = Field['daily'][number];
  const daily: { name: string; columns: SheetColumn<DayRow>[]; rows: DayRow[] } = {
    name: label('xlsx_sheetDaily'),
    columns: [
      { header: label('xlsx_day'), value: (d) => d.day, kind: 'text' },
      { header: label('xlsx_gmvYuan'), value: (d) => yuan(d.gmvFen), kind: 'money' },
      { header: label('orders'), value: (d) => d.orders, kind: 'number' },
      { header: label('buyers'), value: (d) => d.purchasers, kind: 'number' },
    ],
    rows: m.daily,
  };
  return { keyMetrics, mix, bands, daily };
}

export const metrics = defineIndicator({
  id: 'metrics',
  spec: '§5.1',
  label: 'keyMetrics',
  schema,
  compute: ({ snap, range, previousRange, opts }) => {
    const km = keyMetricsOf(...metricsWithPrevious(snap, range, previousRange, opts));
    const m = km.metrics;
    const field: Field = {
      gmvFen: m.gmvFen,
      orders: m.orders,
      purchasers: m.purchasers,
      aovFen: m.aovFen,
      gmvByChannel: m.gmvByChannel,
      trafficPersonsShare: m.trafficPersonsShare,
      trafficGmvShare: m.trafficGmvShare,
      fanGmvShare: m.fanGmvShare,
      priceBands: m.priceBands,
      daily: m.daily,
      previous: m.previous,
      change: m.change,
    };
    return { field, sets: km.members as WindowMetrics['members'] };
  },
  tags: purchaseTags,
  xlsx: (m) => {
    const s = sheetsOf(m);
    const kv = (name: string, rows: ReturnType<typeof countRow>[]) => ({ kv: { name, keyHeader: label('xlsx_item'), valueHeader: label('xlsx_value'), rows } });
    return [
      // The headline figures join the 概览 sheet (after the shop and the windows).
      kv(label('viewOverview'), [
        moneyRow(label('xlsx_gmvYuan'), m.gmvFen),
        countRow(label('orders'), m.orders),
        countRow(label('buyers'), m.purchasers),
        moneyRow(label('xlsx_aovYuan'), m.aovFen),
      ]),
      { sheet: s.keyMetrics },
      kv(label('xlsx_sheetMix'), s.mix),
      { sheet: s.bands },
      { sheet: s.daily },
    ];
  },
});
