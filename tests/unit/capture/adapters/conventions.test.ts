/**
 * Keeps the adapter folder honest (ARCHITECTURE "Conventions"): every registered adapter has its
 * own file with a "Test URLs" comment naming real console URLs it serves, a fixture page, a
 * truth, and a test file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { adapters, adaptersForUrl } from '@/lib/capture/adapters';
import { fixturePages } from '../../../fixtures/pages/registry';

const root = path.resolve(__dirname, '../../../..');
const adapterDir = path.join(root, 'lib/capture/adapters');

describe.each(adapters.map((a) => [a.id, a] as const))('adapter %s', (id, adapter) => {
  const file = path.join(adapterDir, `${id}.ts`);

  test('lives in lib/capture/adapters/<id>.ts', () => expect(existsSync(file)).toBe(true));

  test('has a "Test URLs" comment whose URLs it serves (host + path)', () => {
    const source = readFileSync(file, 'utf8');
    const block = /Test URLs[^\n]*\n((?:\s*\*\s+https?:\/\/\S+.*\n)+)/.exec(source);
    expect(block, 'a "Test URLs" comment followed by one URL a line').not.toBeNull();
    const urls = block![1]!.match(/https?:\/\/\S+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(adaptersForUrl(url).find((h) => h.adapter.id === id)?.pathMatches, url).toBe(true);
  });

  test('has a fixture page with a truth', () => {
    const pages = fixturePages.filter((p) => p.adapter === id);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      expect(existsSync(path.join(root, p.entry))).toBe(true);
      expect(existsSync(path.join(root, 'tests/fixtures/pages', p.dir))).toBe(true);
      expect(p.outputs.length).toBeGreaterThan(0);
      expect(adaptersForUrl(p.consoleUrl)[0]?.adapter.id).toBe(id);
      const truth = p.outputs[0]!.truth() as { adapter: string; orders?: unknown[]; customers?: unknown[] };
      expect(truth.adapter).toBe(id);
    }
  });

  test('has a test file under tests/unit/capture/adapters/', () => {
    const tests = readdirSync(__dirname);
    expect(tests.some((f) => f === `${id}.test.ts` || f === `${id}.test.tsx`)).toBe(true);
  });
});

test('every adapter file in lib/capture/adapters is registered', () => {
  const files = readdirSync(adapterDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(adapters.map((a) => a.id).sort());
});

test('adapter ids are unique', () => expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length));
