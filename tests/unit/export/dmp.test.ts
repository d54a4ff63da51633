// SPEC §7 (DMP identifier files: normalised phones, MD5 / SHA-256, zips, usable-identifier counts).
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDmp, hashAll, rawIdentifier, type DmpMember } from '@/lib/export/dmp';
import { DMP_PRESETS } from '@/lib/export/dmp-presets';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const m = (id: string, extra: Partial<DmpMember> = {}): DmpMember => ({ customerKey: `douyin:S1:id:${id}`, ...extra });
const base = { shopId: 'S1', platform: 'douyin' as const, audienceName: '首单用户', at: '2026-11-20T10:00:00+08:00' };

describe('hashAll', () => {
  it('matches node:crypto MD5 / SHA-256 (lowercase hex, 32 / 64 chars)', async () => {
    const phones = ['13800138000', '19912345678', '15000000000'];
    const got5 = await hashAll(phones, 'md5');
    const got256 = await hashAll(phones, 'sha256');
    expect(got5).toEqual(phones.map(md5));
    expect(got256).toEqual(phones.map(sha256));
    expect(got5[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(got256[0]).toMatch(/^[0-9a-f]{64}$/);
    // a fixed vector, independent of both implementations' agreement
    expect(md5('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect((await hashAll([''], 'md5'))[0]).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
});

describe('rawIdentifier', () => {
  it('normalises phones to 11 digits and never uses a masked one', () => {
    expect(rawIdentifier(m('a', { phone: '+86 138-0013-8000' }), 'phone-md5')).toBe('13800138000');
    expect(rawIdentifier(m('a', { phone: '0086 13800138000' }), 'phone-sha256')).toBe('13800138000');
    expect(rawIdentifier(m('a', { phone: '138****1234' }), 'phone-md5')).toBeNull();
    expect(rawIdentifier(m('a', { phone: '1380013800' }), 'phone-md5')).toBeNull();
    expect(rawIdentifier(m('a'), 'phone-md5')).toBeNull();
  });
  it('reads 淘宝昵称 / 淘宝ID from the record or the key; masked nicknames are not used', () => {
    expect(rawIdentifier({ customerKey: 'taobao:T:nick:小明🌸' }, 'taobao-nick')).toBe('小明🌸');
    expect(rawIdentifier({ customerKey: 'taobao:T:nick:t**9' }, 'taobao-nick')).toBeNull();
    expect(rawIdentifier({ customerKey: 'taobao:T:id:2200123', nickname: 'abc' }, 'taobao-nick')).toBe('abc');
    expect(rawIdentifier({ customerKey: 'taobao:T:id:2200123' }, 'taobao-id')).toBe('2200123');
    expect(rawIdentifier({ customerKey: 'taobao:T:nick:x' }, 'taobao-id')).toBeNull();
  });
});

describe('exportDmp', () => {
  const members = [
    m('a', { phone: '13800138000' }),
    m('b', { phone: '+86 139 0000 0000' }),
    m('c', { phone: '138****1234' }),
    m('d'),
    m('e', { phone: '138-0013-8000' }), // same person's number again
  ];

  it('千川: SHA-256 by default, one txt inside a zip, one identifier per line', async () => {
    const r = await exportDmp(members, { ...base, preset: 'qianchuan' });
    expect(r.exported).toBe(2);
    expect(r.skippedNoIdentifier).toBe(2);
    expect(r.duplicates).toBe(1);
    expect(r.files).toHaveLength(1);
    const f = r.files[0]!;
    expect(f.name).toBe('seller-lens-dmp-S1-巨量千川_首单用户_手机号_SHA-256-20261120.zip');
    expect([...f.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // PK\3\4
    const entries = unzipSync(f.bytes);
    expect(Object.keys(entries)).toEqual([f.name.replace(/\.zip$/, '.txt')]);
    const text = dec(Object.values(entries)[0]!);
    expect(text).toBe(`${sha256('13800138000')}\n${sha256('13900000000')}`);
    expect(text).not.toMatch(/1234|\*/);
    expect(r.warnings.map((w) => w.code)).toEqual(['small-audience', 'skipped-members']);
    expect(r.warnings[0]!.zh).toMatch(/仅 2 人，少于 10000/);
  });

  it('MD5 when asked, byte for byte', async () => {
    const r = await exportDmp(members, { ...base, preset: 'tencent', identifier: 'phone-md5', minAudience: 2 });
    const text = dec(Object.values(unzipSync(r.files[0]!.bytes))[0]!);
    expect(text).toBe(`${md5('13800138000')}\n${md5('13900000000')}`);
    expect(md5('13800138000')).toHaveLength(32);
    expect(r.warnings.map((w) => w.code)).toEqual(['skipped-members']); // 2 ≥ threshold 2
  });

  it('达摩盘: plain txt; 淘宝昵称 only for a Taobao shop', async () => {
    const tb = [{ customerKey: 'taobao:T:nick:小明' }, { customerKey: 'taobao:T:nick:t**9' }, { customerKey: 'taobao:T:id:99', nickname: 'mary' }];
    const r = await exportDmp(tb, { ...base, shopId: 'T', platform: 'taobao', preset: 'damopan', identifier: 'taobao-nick' });
    expect(r.files[0]!.name).toMatch(/\.txt$/);
    expect(dec(r.files[0]!.bytes)).toBe('小明\nmary');
    expect(r.skippedNoIdentifier).toBe(1);
    await expect(exportDmp(tb, { ...base, preset: 'damopan', identifier: 'taobao-nick' })).rejects.toThrow(/only for a Taobao shop.*仅适用于淘宝店铺/);
    await expect(exportDmp(tb, { ...base, preset: 'qianchuan', identifier: 'taobao-id' })).rejects.toThrow(/does not accept/);
  });

  it('splits into numbered parts under a (tiny) size limit, each file within it, nothing lost', async () => {
    const many = Array.from({ length: 40 }, (_, i) => m(`p${i}`, { phone: `1380000${String(i).padStart(4, '0')}` }));
    const limit = 800;
    const r = await exportDmp(many, { ...base, preset: 'qianchuan', maxBytes: limit, minAudience: 1 });
    expect(r.files.length).toBeGreaterThan(1);
    const all: string[] = [];
    r.files.forEach((f, i) => {
      expect(f.bytes.length).toBeLessThanOrEqual(limit);
      expect(f.name).toContain(`_part${i + 1}of${r.files.length}-`);
      for (const txt of Object.values(unzipSync(f.bytes))) all.push(...dec(txt).split('\n'));
    });
    expect(all).toEqual(many.map((x) => sha256(x.phone!)));
    // plain txt split: the txt itself is within the limit
    const t = await exportDmp(many, { ...base, preset: 'damopan', identifier: 'phone-md5', maxBytes: 33 * 5 });
    expect(t.files).toHaveLength(8); // 5 lines of 32 chars + 4 LF = 164 bytes per part
    for (const f of t.files) expect(f.bytes.length).toBeLessThanOrEqual(165);
  });

  it('an audience with nobody reachable gives no file and says why', async () => {
    const r = await exportDmp([m('c', { phone: '138****1234' })], { ...base, preset: 'qianchuan' });
    expect(r.files).toEqual([]);
    expect(r.exported).toBe(0);
    expect(r.warnings[0]!.code).toBe('nothing-exported');
  });

  it('presets: 千川 zip ≤ 25 MB, SHA-256 preferred everywhere', () => {
    expect(DMP_PRESETS.qianchuan.maxBytes).toBe(25 * 1024 * 1024);
    expect(DMP_PRESETS.qianchuan.zip).toBe(true);
    for (const p of Object.values(DMP_PRESETS)) expect(p.identifiers[0]).toBe('phone-sha256');
  });

  // Its speed is a figure of `npm run bench` (scripts/bench-units.ts), not a test.
  it('hashes 200,000 phones into one file', async () => {
    const many = Array.from({ length: 200_000 }, (_, i) => m(`p${i}`, { phone: String(13000000000 + i) }));
    const r = await exportDmp(many, { ...base, preset: 'qianchuan' });
    expect(r.exported).toBe(200_000);
    expect(r.files).toHaveLength(1);
  });
});
