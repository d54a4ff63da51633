import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { audienceExport, audienceSize, audienceTags, exportConversion, type AudienceContext } from '@/components/engine/audience-jobs';
import { SellerLensDb } from '@/lib/db';
import { analyzeWindow, buildSnapshot, resolveWindow, toRange } from '@/lib/engine';
import { fitPropensity } from '@/lib/engine/propensity/model';
import { conversionReport } from '@/lib/audience/conversion';
import { generateShop } from '../../../fixtures/generate';

const data = generateShop({ seed: 5, platform: 'douyin', shopId: 'aj', shopName: '测试店', customers: 250, endDay: '2026-06-30', days: 400 });
const snap = buildSnapshot(data);
const window = resolveWindow({}, '2026-06-30');
const model = fitPropensity(snap, toRange(window).end);
const ctx: AudienceContext = {
  snap,
  data,
  customers: new Map(data.customers.map((c) => [c.customerKey, c])),
  analysisOf: (w) => analyzeWindow(snap, w, { scorer: model.score }),
};
const report = ctx.analysisOf(window).report;
let n = 0;
const freshDb = () => new SellerLensDb(`audience-jobs-${n++}`);

describe('audience jobs of the engine worker', () => {
  it('tags carry the report’s tier sizes; sizes follow the expression; errors come back with their position', () => {
    const tags = audienceTags(ctx, window);
    expect(tags.find((t) => t.id === 'tier:repeat')?.size).toBe(report.douyin.repeat);
    expect(audienceSize(ctx, window, { expression: 'tier:firstOrder 并 tier:repeat' }).size).toBe(report.douyin.purchasers);
    expect(audienceSize(ctx, window, { expression: 'tier:purchasers 差 tier:repeat' }).size).toBe(report.douyin.firstOrder);
    const bad = audienceSize(ctx, window, { expression: 'tier:repeat 交 nope:x' });
    expect(bad.ok).toBe(false);
    expect(bad.error?.position).toBe('tier:repeat 交 '.length);
    expect(bad.error?.zh).not.toBe('');
  });

  it('a lookalike source has exactly n members, none of the seed', () => {
    const r = audienceSize(ctx, window, { expression: 'tier:repeat', lookalike: { n: 20 } });
    expect(r).toMatchObject({ ok: true, size: 20 });
  });

  it('a CRM plan export freezes the members with a control and lists their orders waiting to ship', async () => {
    const db = freshDb();
    const out = await audienceExport(ctx, db, window, {
      source: { expression: 'tier:purchasers' },
      name: '近30天成交',
      format: { kind: 'crm', plan: 'delay', delayTo: '2026-07-03', reason: '备货中' },
      controlShare: 0.1,
    });
    expect(out.record.control).toBe(Math.round(report.douyin.purchasers * 0.1));
    expect(out.record.members + out.record.control).toBe(report.douyin.purchasers);
    const stored = (await db.exports.get(out.record.exportId))!;
    const members = new Set(stored.members);
    const waiting = data.orders.filter((o) => members.has(o.customerKey) && o.status === 'paid').length;
    expect(out.crm?.rows).toBe(waiting);
    expect(out.files.length).toBe(waiting > 0 ? 1 : 0);
    // The conversion report of that export is lib/audience's over the shop's orders.
    expect(await exportConversion(ctx, db, stored.exportId)).toEqual(conversionReport(stored, data.orders));
  });

  it('a DMP export says how many members had no usable identifier', async () => {
    const out = await audienceExport(ctx, freshDb(), window, {
      source: { expression: 'tier:users' },
      name: '用户',
      format: { kind: 'dmp', preset: 'qianchuan' },
      controlShare: 0,
    });
    expect(out.record.control).toBe(0);
    expect(out.dmp!.exported + out.dmp!.skippedNoIdentifier + out.dmp!.duplicates).toBe(report.douyin.users);
    expect(out.dmp!.warnings.some((w) => w.code === 'small-audience')).toBe(true);
    expect(out.files[0]!.mime).toBe('application/zip');
  });

  it('refuses an export of a bad expression with the reason', async () => {
    await expect(
      audienceExport(ctx, freshDb(), window, { source: { expression: '(' }, name: 'x', format: { kind: 'csv' }, controlShare: 0 }),
    ).rejects.toThrow(/\//);
  });
});
