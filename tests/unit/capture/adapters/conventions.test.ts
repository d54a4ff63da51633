/**
 * Keeps the adapter folder honest (ARCHITECTURE "Conventions"): every registered adapter has its
 * own file with a "Test URLs" comment naming real console URLs it serves, a fixture page, a
 * truth, and a test file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { adapters, adaptersForUrl } from '@/lib/capture/adapters';
import { CONSOLE_MATCHES } from '@/lib/capture/consoles';
import { isObservedUrl } from '@/lib/capture/observe/allow-list';
import { fixturePages } from '../../../fixtures/pages/registry';

const root = path.resolve(__dirname, '../../../..');
const adapterDir = path.join(root, 'lib/capture/adapters');

describe.each(adapters.map((a) => [a.id, a] as const))('adapter %s', (id) => {
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

/** A path the regex matches, for the plain path patterns endpoints and URL rules use (groups: first branch; repeats/optionals: none). */
function examplePath(re: RegExp): string {
  const out = re.source
    .replace(/\(\?[!=][^)]*\)/g, '')
    .replace(/\(\?:[^()]*\)[*?]/g, '')
    .replace(/\(\?:([^()|]*)(?:\|[^()]*)?\)/g, '$1')
    .replace(/\[[^\]]*\][+*]/g, 'x')
    .replace(/\\[wd][+*]/g, 'x')
    .replace(/\\b|\^|\$/g, '')
    .replace(/\\(.)/g, '$1');
  return out;
}

/** A console host: the string itself, or one of the manifest's hosts the pattern accepts. */
const MATCH_HOSTS = CONSOLE_MATCHES.map((m) => /^https:\/\/([^/]+)\//.exec(m)![1]!);

describe('manifest and allow-list cover every adapter (SPEC §8)', () => {
  test.each(adapters.map((a) => [a.id, a] as const))('%s: its URL hosts are in the manifest’s matches', (_id, adapter) => {
    for (const rule of adapter.urls) {
      if (typeof rule.host === 'string') expect(MATCH_HOSTS, rule.host).toContain(rule.host);
      else expect(MATCH_HOSTS.some((h) => (rule.host as RegExp).test(h)), String(rule.host)).toBe(true);
    }
  });

  const endpoints = adapters.flatMap((a) => (a.endpoints ?? []).map((e) => [a.id, e.id, e] as const));
  test('adapters declare endpoints (the observed JSON has something to map)', () => expect(endpoints.length).toBeGreaterThan(0));
  test.each(endpoints)('%s endpoint %s is in the tap’s allow-list', (_a, _id, endpoint) => {
    const path = examplePath(endpoint.path);
    expect(endpoint.path.test(path), `example path ${path} of ${String(endpoint.path)}`).toBe(true);
    const hosts = typeof endpoint.host === 'string' ? [endpoint.host] : MATCH_HOSTS.filter((h) => (endpoint.host as RegExp).test(h));
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(isObservedUrl(`https://${host}${path}?x=1`), `https://${host}${path}`).toBe(true);
  });

  test('千牛 已卖出的宝贝 is served on qn.taobao.com as on myseller (CONSOLES.md §9.4)', () => {
    expect(CONSOLE_MATCHES).toContain('https://qn.taobao.com/*');
    expect(adaptersForUrl('https://qn.taobao.com/home.htm/trade-platform/tp/sold')[0]?.adapter.id).toBe('qianniu-sold');
  });
});
