/** scripts/build-fixtures.mjs writes one self-contained HTML per page and the truth the adapter test checks. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { captureTruth } from '../../fixtures/pages/douyin-orders/truth';
import { CONSOLE_URL, E2E_VARIANT, generateVariant, pageData } from '../../fixtures/pages/douyin-orders/view';

const root = path.resolve(__dirname, '../../..');
let out: string;

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'fixtures-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/build-fixtures.mjs'), '--only-e2e', '--out', out], { cwd: root, stdio: 'pipe' });
  // 18 pages bundled with four component libraries: ~15 s on a quiet 2-core machine, a minute or more when it is busy.
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('index.json lists the e2e page with its html and truth', () => {
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
  // Other pages are listed too (one per registered fixture); the 抖店 one must be there.
  expect(index).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'douyin-orders', adapter: 'douyin-orders', consoleUrl: CONSOLE_URL, demo: false })]),
  );
});

test('the HTML is self-contained: inline CSS, inline script, embedded dataset, no external references', () => {
  const html = readFileSync(path.join(out, 'douyin-orders.html'), 'utf8');
  expect(html).toMatch(/<style>[\s\S]*\.arco-table[\s\S]*<\/style>/);
  expect(html).toContain('<script type="application/json" id="fixture-data">');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  const json = /<script type="application\/json" id="fixture-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const data = JSON.parse(json);
  expect(data).toEqual(JSON.parse(JSON.stringify(pageData(generateVariant(E2E_VARIANT)))));
});

test('the truth file is the truth builder\u2019s output for the fixed seed, with capture time and URL', () => {
  const truth = JSON.parse(readFileSync(path.join(out, 'douyin-orders.truth.json'), 'utf8'));
  const expected = captureTruth(pageData(generateVariant(E2E_VARIANT)));
  expect(truth).toEqual({ ...JSON.parse(JSON.stringify(expected)), capturedAt: E2E_VARIANT.capturedAt, consoleUrl: CONSOLE_URL });
  expect(truth.orders.length).toBe(40);
  expect(truth.pageCount).toBeGreaterThanOrEqual(3);
});
