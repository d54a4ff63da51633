/**
 * Keeps the indicator registry honest (README "How to add an indicator"): every registered
 * indicator lives in lib/engine/indicators/<id>.ts, names a SPEC section that exists, has a
 * hand-computed test file tagged with that section, labels in both languages, and workbook rows
 * that show every one of its report fields (and nothing of another indicator's).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildTagIndex } from '@/lib/audience/tags';
import { analyzeWindow, buildSnapshot, ReportSchema, toRange } from '@/lib/engine';
import { indicatorList, type AnyIndicator, type XlsxPart } from '@/lib/engine/indicators';
import { messages, type MessageKey } from '@/lib/i18n/messages';
import { bigWorld } from '../engine/big-world';

const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, 'lib/engine/indicators');
/** Files of the folder that are not indicators. */
const SUPPORT = ['index.ts', 'types.ts', 'fields.ts', 'scans.ts', 'sheets.ts', 'metrics-tags.ts'];
const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const spec = readFileSync(path.join(root, 'docs/SPEC.md'), 'utf8');

const snap = buildSnapshot(bigWorld());
const window = { start: '2026-11-01', end: '2026-11-30' };
const analysis = analyzeWindow(snap, window);
const range = toRange(window);
const fields = analysis.report as unknown as Record<string, unknown>;

/** Every cell an indicator's workbook parts hold: sheet, header and per row each value and kind. */
function rendered(parts: XlsxPart[]): string {
  return JSON.stringify(
    parts.map((p) =>
      'sheet' in p
        ? { name: p.sheet.name, headers: p.sheet.columns.map((c) => c.header), rows: p.sheet.rows.map((r) => p.sheet.columns.map((c) => [c.value(r), c.kindOf?.(r) ?? c.kind])) }
        : p.kv,
    ),
  );
}

/** Paths to every leaf of a JSON value (`pathways.newVisitorSameDay.rate`, `daily.3.day`). */
function leaves(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...at, Array.isArray(v) ? Number(k) : k]));
  return [at];
}

/** A copy of `v` with the leaf at `p` changed to another value of its kind. */
function perturbed(v: unknown, p: (string | number)[]): unknown {
  if (p.length === 0) return v === null ? 0.5 : typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}x` : !v;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[p[0]!] = perturbed(copy[p[0]!], p.slice(1));
  return copy;
}

describe.each(indicatorList.map((i) => [i.id, i] as const))('indicator %s', (id, indicator: AnyIndicator) => {
  test('lives in lib/engine/indicators/<id>.ts and is exported by that name', async () => {
    const file = path.join(dir, `${kebab(id)}.ts`);
    expect(existsSync(file), file).toBe(true);
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    expect(mod[id]).toBe(indicator);
  });

  test('names a SPEC section that exists in docs/SPEC.md', () => {
    const m = /^§(\d+)(?:\.(\d+))?$/.exec(indicator.spec);
    expect(m, indicator.spec).not.toBeNull();
    const heading = m![2] === undefined ? new RegExp(`^## ${m![1]}\\. `, 'm') : new RegExp(`^### ${m![1]}\\.${m![2]} `, 'm');
    expect(spec).toMatch(heading);
  });

  test('has a hand-computed test file tests/unit/engine/indicators/<id>.test.ts tagged with its section', () => {
    const file = path.join(root, 'tests/unit/engine/indicators', `${kebab(id)}.test.ts`);
    expect(existsSync(file), file).toBe(true);
    const source = readFileSync(file, 'utf8');
    expect(source).toMatch(new RegExp(`SPEC[^\\n]*${indicator.spec.replace('.', '\\.')}(?![.\\d])`));
    expect(source).toContain(`@/lib/engine/indicators/${kebab(id)}`);
  });

  test('its label and its tags’ labels are in the catalogue in both languages', () => {
    const both = (k: MessageKey) => expect(messages[k]?.zh && messages[k]?.en, k).toBeTruthy();
    both(indicator.label);
    const sets = (analysis.sets as Record<string, unknown>)[id];
    for (const tag of indicator.tags?.({ snap, window, range }, sets) ?? []) {
      if (typeof tag.label === 'string') both(tag.label);
      else expect(tag.label.zh && tag.label.en, tag.id).toBeTruthy();
    }
  });

  test('its report field matches its schema and is where ReportSchema puts it', () => {
    expect(indicator.schema.safeParse(fields[id]).success).toBe(true);
    expect((ReportSchema.shape as Record<string, unknown>)[id]).toBe(indicator.schema);
  });

  test('every one of its report fields reaches its workbook rows', () => {
    const base = rendered(indicator.xlsx(fields[id]));
    const paths = leaves(fields[id]);
    expect(paths.length).toBeGreaterThan(0);
    const unseen = paths.filter((p) => rendered(indicator.xlsx(perturbed(fields[id], p))) === base).map((p) => p.join('.') || '(the value)');
    expect(unseen, 'report fields that change nothing in the workbook').toEqual([]);
  });
});

test('the report is the header then the registry, in order', () => {
  expect(Object.keys(ReportSchema.shape)).toEqual(['format', 'version', 'shopId', 'window', 'previousWindow', ...indicatorList.map((i) => i.id)]);
  expect(Object.keys(analysis.report)).toEqual(Object.keys(ReportSchema.shape));
  expect(Object.keys(analysis.sets)).toEqual(indicatorList.map((i) => i.id));
});

test('every indicator module in the folder is registered, ids unique', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !SUPPORT.includes(f));
  expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(indicatorList.map((i) => kebab(i.id)).sort());
  expect(new Set(indicatorList.map((i) => i.id)).size).toBe(indicatorList.length);
});

test('the tag index holds every indicator’s tags', () => {
  const idx = buildTagIndex(snap, window, { analysis });
  for (const indicator of indicatorList)
    for (const tag of indicator.tags?.({ snap, window, range }, (analysis.sets as Record<string, unknown>)[indicator.id]) ?? [])
      expect(idx.info(tag.id)?.size, tag.id).toBe(tag.size);
});
