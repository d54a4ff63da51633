import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getAudience, listAudiences, listExports, mulberry32, splitControl } from '@/lib/audience/saved';
import { createAudience, deleteAudience, deleteExport, freezeExport, updateAudience } from '@/lib/db/writer/audiences';
import { ExpressionError } from '@/lib/audience/expression';
import { freshDb } from '../db/helpers';

describe('mulberry32', () => {
  it('is deterministic per seed, in [0, 1), and differs across seeds', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    // a pinned value: changing the generator would silently change recorded control groups
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
  });
});

describe('splitControl', () => {
  const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
  it('holds out round(n × share), deterministic for a seed, independent of input order', () => {
    const s = splitControl(keys, 0.1, 7);
    expect(s.control).toHaveLength(10);
    expect(s.members).toHaveLength(90);
    expect(splitControl([...keys].reverse(), 0.1, 7).control).toEqual(s.control);
    expect(splitControl(keys, 0.1, 8).control).not.toEqual(s.control);
    expect(splitControl(keys.slice(0, 15), 0.1, 1).control).toHaveLength(2); // 1.5 rounds up
    expect(splitControl(keys.slice(0, 4), 0.1, 1).control).toEqual([]);
    expect(() => splitControl(keys, 1, 1)).toThrow(/\[0, 1\)/);
  });
  it('partitions the distinct keys and keeps the export order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.nat(), (ks, share, seed) => {
        const { members, control } = splitControl(ks, share, seed);
        const distinct = [...new Set(ks)];
        expect(control.length).toBe(Math.round(distinct.length * share));
        expect([...members, ...control].sort()).toEqual([...distinct].sort());
        expect(members).toEqual(distinct.filter((k) => !control.includes(k)));
      }),
    );
  });
});

describe('saved audiences', () => {
  it('create, get, list (newest first), update, delete', async () => {
    const db = freshDb();
    const a = await createAudience(db, { shopId: 'S1', name: ' 四川复购 ', expression: 'tier:repeat 交 province:四川省' }, '2026-11-20T10:00:00+08:00');
    expect(a).toMatchObject({ shopId: 'S1', name: '四川复购', createdAt: '2026-11-20T10:00:00+08:00' });
    expect(a.audienceId).toMatch(/^aud-/);
    const b = await createAudience(db, { shopId: 'S1', name: 'b', expression: 'all', audienceId: 'B' }, '2026-11-21T10:00:00+08:00');
    await createAudience(db, { shopId: 'S2', name: 'other shop', expression: 'all' }, '2026-11-22T10:00:00+08:00');
    expect((await listAudiences(db, 'S1')).map((x) => x.audienceId)).toEqual([b.audienceId, a.audienceId]);

    const up = await updateAudience(db, a.audienceId, { expression: 'tier:repeat' }, '2026-11-23T10:00:00+08:00');
    expect(up).toMatchObject({ expression: 'tier:repeat', name: '四川复购', updatedAt: '2026-11-23T10:00:00+08:00' });
    expect((await listAudiences(db, 'S1'))[0]!.audienceId).toBe(a.audienceId);
    expect((await getAudience(db, a.audienceId))?.expression).toBe('tier:repeat');

    expect(await deleteAudience(db, a.audienceId)).toBe(true);
    expect(await deleteAudience(db, a.audienceId)).toBe(false);
    expect((await listAudiences(db, 'S1')).map((x) => x.audienceId)).toEqual(['B']);
  });

  it('refuses a bad expression or a blank name and stores nothing', async () => {
    const db = freshDb();
    await expect(createAudience(db, { shopId: 'S1', name: 'x', expression: 'a 交' })).rejects.toBeInstanceOf(ExpressionError);
    await expect(createAudience(db, { shopId: 'S1', name: '  ', expression: 'a' })).rejects.toThrow(/名称不能为空/);
    expect(await listAudiences(db, 'S1')).toEqual([]);
    const a = await createAudience(db, { shopId: 'S1', name: 'x', expression: 'a' });
    await expect(updateAudience(db, a.audienceId, { expression: '(a' })).rejects.toBeInstanceOf(ExpressionError);
    await expect(updateAudience(db, 'missing', { name: 'y' })).rejects.toThrow(/人群不存在/);
    expect((await getAudience(db, a.audienceId))?.expression).toBe('a');
  });
});

describe('freezeExport', () => {
  const keys = Array.from({ length: 50 }, (_, i) => `douyin:S1:id:${i}`);
  it('stores members (exported) and a seeded control held out of them', async () => {
    const db = freshDb();
    const r = await freezeExport(db, {
      shopId: 'S1',
      audienceId: 'A',
      name: '首单',
      format: 'dmp:qianchuan',
      memberKeys: keys,
      window: { start: '2026-11-01', end: '2026-11-30' },
      seed: 123,
      exportedAt: '2026-11-30T20:00:00+08:00',
    });
    expect(r.control).toHaveLength(5);
    expect(r.members).toHaveLength(45);
    expect(r.controlSeed).toBe(123);
    expect(r.controlShare).toBe(0.1);
    expect(r.control).toEqual(splitControl(keys, 0.1, 123).control);
    for (const k of r.control) expect(r.members).not.toContain(k);
    expect(await db.exports.get(r.exportId)).toEqual(r);
    expect((await listExports(db, 'S1', 'A')).map((e) => e.exportId)).toEqual([r.exportId]);
    expect(await listExports(db, 'S1', 'other')).toEqual([]);
    await deleteExport(db, r.exportId);
    expect(await listExports(db, 'S1')).toEqual([]);
  });

  it('records a random seed when none is given, and none without a control', async () => {
    const db = freshDb();
    const r = await freezeExport(db, { shopId: 'S1', name: 'x', format: 'csv', memberKeys: keys });
    expect(Number.isInteger(r.controlSeed)).toBe(true);
    expect(r.control).toEqual(splitControl(keys, 0.1, r.controlSeed!).control);
    const none = await freezeExport(db, { shopId: 'S1', name: 'x', format: 'csv', memberKeys: [...keys, keys[0]!], controlShare: 0 });
    expect(none.control).toEqual([]);
    expect(none.controlSeed).toBeUndefined();
    expect(none.members).toEqual(keys);
  });
});
