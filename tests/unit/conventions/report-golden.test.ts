/**
 * Golden outputs of the §9 report, its XLSX companion and the §6.1 tag index on the test worlds,
 * written by the code BEFORE the indicator registry existed (commit "golden report/XLSX/tags").
 * Moving indicators into lib/engine/indicators must leave every byte the same: the report JSON as
 * the CLI prints it, every file inside the XLSX zip (the zip itself carries timestamps), and every
 * tag's id, group, labels, size and members.
 *
 * Regenerate only for an intended change of output: `SELLER_LENS_UPDATE_GOLDEN=1 npx vitest run
 * tests/unit/conventions/report-golden.test.ts`, and say why in the commit.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { buildTagIndex } from '@/lib/audience/tags';
import { analyzeWindow, buildSnapshot, fitPropensity, latestDataDay, presetWindow, resolveWindow, toRange, type DayWindow } from '@/lib/engine';
import { reportXlsx } from '@/lib/export/report-xlsx';
import type { ShopData } from '@/lib/model';
import { generateShop } from '../../fixtures/generate';
import { bigWorld } from '../engine/big-world';

const GOLDEN_DIR = path.join(__dirname, 'golden');
const UPDATE = process.env.SELLER_LENS_UPDATE_GOLDEN === '1';
const AT = new Date('2026-12-01T08:00:00Z');

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

interface Case {
  name: string;
  data: () => ShopData;
  window: (latest: string) => DayWindow;
  fitted?: boolean;
  priceBandsYuan?: number[];
  goldenWindowDays?: number;
}

const generated = (platform: 'douyin' | 'taobao', seed: number, customers: number) => () =>
  generateShop({ seed, platform, shopId: `G${seed}`, shopName: `店${seed}`, customers, endDay: '2026-11-30', days: 400 });

const cases: Case[] = [
  { name: 'big-world-default', data: bigWorld, window: (l) => resolveWindow({}, l) },
  { name: 'big-world-7d-bands', data: bigWorld, window: (l) => presetWindow('近7天', l), priceBandsYuan: [0, 30, 100], goldenWindowDays: 5 },
  { name: 'douyin-300-default-fitted', data: generated('douyin', 11, 300), window: (l) => resolveWindow({}, l), fitted: true },
  { name: 'douyin-300-90d', data: generated('douyin', 11, 300), window: (l) => presetWindow('近90天', l) },
  { name: 'taobao-200-month', data: generated('taobao', 5, 200), window: (l) => presetWindow('自然月', l, '2026-10'), fitted: true },
];

/** The golden text of a file: written when updating, else read (a missing file fails the test). */
function golden(file: string, actual: string): string {
  const p = path.join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(p, actual);
  }
  expect(existsSync(p), `${file} exists (run with SELLER_LENS_UPDATE_GOLDEN=1 on the code before the change)`).toBe(true);
  return readFileSync(p, 'utf8');
}

describe.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
  const data = c.data();
  const snap = buildSnapshot(data);
  const window = c.window(latestDataDay(snap, '2026-12-01'));
  const scorer = c.fitted ? fitPropensity(snap, toRange(window).end).score : undefined;
  const analysis = analyzeWindow(snap, window, { scorer, priceBandsYuan: c.priceBandsYuan, goldenWindowDays: c.goldenWindowDays });

  test('report JSON is byte-identical (as `npm run report` prints it)', () => {
    const text = `${JSON.stringify(analysis.report, null, 2)}\n`;
    expect(text).toBe(golden(`${name}.report.json`, text));
  });

  test('report XLSX: every file in the workbook is byte-identical', async () => {
    const { name: fileName, bytes } = await reportXlsx(analysis.report, { at: AT });
    const entries = unzipSync(bytes);
    const listing = { fileName, entries: Object.fromEntries(Object.keys(entries).sort().map((k) => [k, sha(entries[k]!)])) };
    const text = `${JSON.stringify(listing, null, 2)}\n`;
    expect(text).toBe(golden(`${name}.xlsx.json`, text));
  });

  test('tag index (with and without the analysis) is unchanged', () => {
    const opts = { customers: data.customers, scorer, priceBandsYuan: c.priceBandsYuan, goldenWindowDays: c.goldenWindowDays };
    const fresh = buildTagIndex(snap, window, opts);
    const reused = buildTagIndex(snap, window, { ...opts, analysis });
    const list = (idx: typeof fresh) =>
      idx.tags.map((t) => ({ ...t, members: sha(Buffer.from(idx.members(t.id)!.buffer)).slice(0, 16) }));
    const lines = (idx: typeof fresh) => list(idx).map((t) => JSON.stringify(t)).join('\n');
    const text = `fresh\n${lines(fresh)}\nreused (with the analysis)\n${lines(reused)}\n`;
    expect(text).toBe(golden(`${name}.tags.json`, text));
  });
});
