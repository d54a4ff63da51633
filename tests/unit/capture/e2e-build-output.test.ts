/** Issue 11 item 10: the e2e build (with its extra test host permission) never lands where a production build or zip is made. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('every script that grants the test host builds into .output-e2e, and playwright reads that folder', () => {
  const granting = Object.entries(scripts).filter(([, cmd]) => cmd.includes('SELLER_LENS_E2E_GRANT_HOSTS'));
  expect(granting.map(([name]) => name)).toEqual(['test:e2e']);
  for (const [, cmd] of granting) {
    const build = cmd.split('&&').find((part) => part.includes('SELLER_LENS_E2E_GRANT_HOSTS'))!;
    expect(build).toMatch(/WXT_OUT_DIR=\.output-e2e\s/);
    expect(cmd).toMatch(/SELLER_LENS_EXT_DIR=\.output-e2e\/chrome-mv3 playwright test/);
  }
});

test('build and zip carry no test host and write the production folder', () => {
  for (const name of ['build', 'zip']) {
    expect(scripts[name]).not.toContain('SELLER_LENS_E2E_GRANT_HOSTS');
    expect(scripts[name]).not.toContain('WXT_OUT_DIR');
  }
});

test('the e2e helpers default to the e2e build; the demo keeps the production build', () => {
  const ext = readFileSync(path.join(ROOT, 'tests/e2e/extension.ts'), 'utf8');
  expect(ext).toContain("process.env.SELLER_LENS_EXT_DIR ?? '.output-e2e/chrome-mv3'");
  const demo = readFileSync(path.join(ROOT, 'scripts/demo.ts'), 'utf8');
  expect(demo).toContain("'.output/chrome-mv3'");
});
