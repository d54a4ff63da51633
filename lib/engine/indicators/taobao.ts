/**
 * 客户概况 and the three pathways (SPEC §4): classes by first contact in W, the pathways with
 * their bases, per-class purchasers and GMV, and the previous window's rates (report field `taobao`).
 */
import { z } from 'zod';
import type { TaobaoPathways } from '../taobao-pathways';
import { Count, Money, Rate } from './fields';
import { taobaoOf } from './scans';
import { label, rateCell, yuan } from './sheets';
import { defineIndicator, type SheetColumn } from './types';

const RecallPathway = z.object({ assets: Count, recalled: Count, recallRate: Rate, converted: Count, payConversion: Rate, rate: Rate });
const ClassFigures = z.object({ purchasers: Count, gmvFen: Money });
const CLASSES = ['newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const;

type PathRow = {
  label: string;
  base: number;
  recalled: number | null;
  recallRate: number | null | undefined;
  converted: number;
  payConversion: number | null | undefined;
  rate: number | null;
  previous: number | null;
};

/** A rate column: blank where the pathway has no such rate, "—" for null. */
const pct = (header: string, get: (x: PathRow) => number | null | undefined): SheetColumn<PathRow> => ({
  header,
  value: (x) => {
    const v = get(x);
    return v === undefined ? undefined : rateCell(v);
  },
  kindOf: (x) => (typeof get(x) === 'number' ? 'percent' : 'text'),
});

export const taobao = defineIndicator({
  id: 'taobao',
  spec: '§4',
  label: 'taobaoOverview',
  schema: z.object({
    newVisitors: Count,
    unpurchasedReturning: Count,
    purchasedReturning: Count,
    pathways: z.object({
      newVisitorSameDay: z.object({ base: Count, converted: Count, rate: Rate }),
      unpurchasedReturn: RecallPathway,
      repurchase: RecallPathway,
    }),
    byClass: z.object({ newVisitors: ClassFigures, unpurchasedReturning: ClassFigures, purchasedReturning: ClassFigures }),
    previous: z.object({ newVisitorSameDay: Rate, unpurchasedReturn: Rate, repurchase: Rate }),
  }),
  compute: ({ snap, range, previousRange, opts }) => {
    const tb: TaobaoPathways = taobaoOf(snap, range, opts.scans);
    const prev = taobaoOf(snap, previousRange, opts.scans).pathways;
    return {
      field: {
        newVisitors: tb.newVisitors,
        unpurchasedReturning: tb.unpurchasedReturning,
        purchasedReturning: tb.purchasedReturning,
        pathways: tb.pathways,
        byClass: tb.byClass,
        previous: {
          newVisitorSameDay: prev.newVisitorSameDay.rate,
          unpurchasedReturn: prev.unpurchasedReturn.rate,
          repurchase: prev.repurchase.rate,
        },
      },
      sets: tb,
    };
  },
  tags: ({ snap, range }, sets) => {
    const tb = sets ?? taobaoOf(snap, range, undefined);
    return CLASSES.map((k) => ({ group: 'class' as const, id: `class:${k}`, label: k, size: tb[k], members: () => tb.members[k] }));
  },
  xlsx: (tb) => {
    const p = tb.pathways;
    type ClassRow = { label: string; customers: number; purchasers: number; gmvFen: number };
    const classes: { name: string; columns: SheetColumn<ClassRow>[]; rows: ClassRow[] } = {
      name: label('xlsx_sheetClasses'),
      columns: [
        { header: label('customerClass'), value: (x) => x.label, kind: 'text' },
        { header: label('xlsx_persons'), value: (x) => x.customers, kind: 'number' },
        { header: label('buyers'), value: (x) => x.purchasers, kind: 'number' },
        { header: label('xlsx_gmvYuan'), value: (x) => yuan(x.gmvFen), kind: 'money' },
      ],
      rows: CLASSES.map((k) => ({ label: label(k), customers: tb[k], ...tb.byClass[k] })),
    };
    const recall = (l: string, r: z.infer<typeof RecallPathway>, previous: number | null): PathRow => ({
      label: l,
      base: r.assets,
      recalled: r.recalled,
      recallRate: r.recallRate,
      converted: r.converted,
      payConversion: r.payConversion,
      rate: r.rate,
      previous,
    });
    const pathways: { name: string; columns: SheetColumn<PathRow>[]; rows: PathRow[] } = {
      name: label('pathways'),
      columns: [
        { header: label('xlsx_pathway'), value: (x) => x.label, kind: 'text' },
        { header: label('xlsx_base'), value: (x) => x.base, kind: 'number' },
        { header: label('xlsx_recalled'), value: (x) => x.recalled ?? undefined, kind: 'number' },
        pct(label('recallRate'), (x) => x.recallRate),
        { header: label('buyers'), value: (x) => x.converted, kind: 'number' },
        pct(label('payConversion'), (x) => x.payConversion),
        pct(label('xlsx_rate'), (x) => x.rate),
        pct(label('xlsx_previousRate'), (x) => x.previous),
      ],
      rows: [
        {
          label: label('xlsx_pathNewVisitor'),
          base: p.newVisitorSameDay.base,
          recalled: null,
          recallRate: undefined,
          converted: p.newVisitorSameDay.converted,
          payConversion: undefined,
          rate: p.newVisitorSameDay.rate,
          previous: tb.previous.newVisitorSameDay,
        },
        recall(label('xlsx_pathUnpurchased'), p.unpurchasedReturn, tb.previous.unpurchasedReturn),
        recall(label('xlsx_pathRepurchase'), p.repurchase, tb.previous.repurchase),
      ],
    };
    return [{ sheet: classes }, { sheet: pathways }];
  },
});
