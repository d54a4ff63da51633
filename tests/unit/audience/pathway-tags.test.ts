// SPEC §4 pathways, issue 13 item 4: every pathway step opens its members, as a tag.
import { describe, expect, it } from 'vitest';
import { buildTagIndex } from '@/lib/audience/tags';
import { pathwayTags } from '@/lib/audience/pathway-tags';
import { analyzeWindow, buildSnapshot, keysOf, taobaoPathways, toRange } from '@/lib/engine';
import { contact, cust, order, world } from '../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const paid = (id: string, day: string, amountFen = 1000) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen });

// A tiny shop: three not-bought assets, three bought assets, two new visitors, one too old to count.
const data = world({
  customers: ['u1', 'u2', 'u3', 'p1', 'p2', 'p3', 'n1', 'n2', 'old'].map((id) => cust(id)),
  orders: [
    paid('u1', '2026-11-06'), // looked in October, came back and bought
    paid('p1', '2026-09-01'),
    paid('p1', '2026-11-03'), // bought before, came back and bought again
    paid('p2', '2026-10-01'),
    paid('p3', '2026-10-02'),
    paid('n1', '2026-11-08'), // first look and a purchase on the same day
    paid('n2', '2026-11-11'), // first look 11-09, bought two days later
  ],
  contacts: [
    contact('u1', '2026-10-10'),
    contact('u1', '2026-11-05'),
    contact('u2', '2026-10-15'),
    contact('u2', '2026-11-10'), // came back, did not buy
    contact('u3', '2026-10-20'), // not back in November
    contact('p1', '2026-11-03'),
    contact('p2', '2026-11-12'), // came back, did not buy
    contact('n1', '2026-11-08'),
    contact('n2', '2026-11-09'),
    contact('old', '2025-01-01'), // more than 365 days before W: no asset
  ],
});
const snap = buildSnapshot(data);
const short = (members: Int32Array) => keysOf(snap, members).map((k) => k.split(':').pop()).sort();

/** The members of every step, written by hand from the story above. */
const EXPECTED: Record<string, string[]> = {
  'pathway:newVisitorSameDay': ['n1'],
  'pathway:unpurchasedAssets': ['u1', 'u2', 'u3'],
  'pathway:unpurchasedRecalled': ['u1', 'u2'],
  'pathway:unpurchasedNotRecalled': ['u3'],
  'pathway:unpurchasedRecalledNotBought': ['u2'],
  'pathway:unpurchasedConverted': ['u1'],
  'pathway:purchasedAssets': ['p1', 'p2', 'p3'],
  'pathway:purchasedRecalled': ['p1', 'p2'],
  'pathway:purchasedNotRecalled': ['p3'],
  'pathway:purchasedRecalledNotBought': ['p2'],
  'pathway:purchasedConverted': ['p1'],
};

describe('pathwayTags', () => {
  const tags = pathwayTags(taobaoPathways(snap, toRange(W)));

  it('gives every step the customers its figure counts', () => {
    expect(tags.map((t) => t.id)).toEqual(Object.keys(EXPECTED));
    for (const t of tags) {
      expect(short(t.members()), t.id).toEqual(EXPECTED[t.id]);
      expect(t.size, t.id).toBe(EXPECTED[t.id]!.length);
    }
  });

  it('members come ascending, as tag member sets must', () => {
    for (const t of tags) {
      const m = [...t.members()];
      expect(m).toEqual([...m].sort((a, b) => a - b));
    }
  });

  it('labels are catalogue keys in the merchant’s words', () => {
    expect(tags.find((t) => t.id === 'pathway:unpurchasedNotRecalled')!.label).toBe('pathway_unpurchasedNotRecalled');
  });
});

describe('pathway tags in the tag index', () => {
  it('are a chip group with the same members, with or without the analysis', () => {
    for (const idx of [buildTagIndex(snap, W), buildTagIndex(snap, W, { analysis: analyzeWindow(snap, W) })]) {
      const group = idx.tags.filter((t) => t.group === 'pathway');
      expect(group.map((t) => t.id)).toEqual(Object.keys(EXPECTED));
      for (const t of group) expect(short(idx.members(t.id)!), t.id).toEqual(EXPECTED[t.id]);
      expect(idx.info('pathway:unpurchasedNotRecalled')).toMatchObject({ zh: '未购未召回', size: 1 });
    }
  });

  it('the report’s pathway figures are the step sizes', () => {
    const r = analyzeWindow(snap, W).report.taobao.pathways;
    expect([r.unpurchasedReturn.assets, r.unpurchasedReturn.recalled, r.unpurchasedReturn.converted]).toEqual([3, 2, 1]);
    expect([r.repurchase.assets, r.repurchase.recalled, r.repurchase.converted]).toEqual([3, 2, 1]);
    expect(r.newVisitorSameDay.converted).toBe(1);
  });
});
