/**
 * The scaffolds make the one-folder change README "How to add an indicator / a console page"
 * describes: run into a temporary copy of lib/ (node_modules linked), the new files exist, the
 * registry lists the new id, the hand-computed test stub fails until filled, the produced files
 * parse, and the copy's engine / adapter registry runs with the new entry. Dry runs write nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';
import { planAdapter } from '../../../scripts/new-adapter';
import { planIndicator } from '../../../scripts/new-indicator';
import { apply } from '../../../scripts/scaffold';
import { bigWorld } from '../engine/big-world';

const repo = path.resolve(__dirname, '../../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'seller-lens-scaffold-'));
cpSync(path.join(repo, 'lib'), path.join(tmp, 'lib'), { recursive: true });
mkdirSync(path.join(tmp, 'tests/unit/engine/indicators'), { recursive: true });
mkdirSync(path.join(tmp, 'tests/unit/capture/adapters'), { recursive: true });
symlinkSync(path.join(repo, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Syntax errors of a produced file (the runtime import below checks that it is wired). */
function syntaxErrors(rel: string): string[] {
  const out = ts.transpileModule(readFileSync(path.join(tmp, rel), 'utf8'), {
    fileName: rel,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.ReactJSX },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('npm run new:indicator', () => {
  test('a dry run lists the one-folder change and writes nothing', () => {
    const lines = apply(tmp, planIndicator(tmp, 'lapsedBuyers', '§5.4'), true);
    expect(lines).toEqual([
      'would create lib/engine/indicators/lapsed-buyers.ts',
      'would edit lib/engine/indicators/index.ts',
      'would edit lib/i18n/messages-report.ts',
      'would create tests/unit/engine/indicators/lapsed-buyers.test.ts',
    ]);
    expect(existsSync(path.join(tmp, 'lib/engine/indicators/lapsed-buyers.ts'))).toBe(false);
  });

  test('refuses a bad id and an existing one', () => {
    expect(() => planIndicator(tmp, 'Lapsed-Buyers')).toThrow(/camelCase/);
    expect(() => planIndicator(tmp, 'rfm')).toThrow(/exists already|registered already/);
  });

  test('writes a registered indicator, its label and a failing test stub', () => {
    apply(tmp, planIndicator(tmp, 'lapsedBuyers', '§5.4'), false);
    const index = readFileSync(path.join(tmp, 'lib/engine/indicators/index.ts'), 'utf8');
    expect(index).toContain("import { lapsedBuyers } from './lapsed-buyers';");
    expect(index).toMatch(/^const indicators = \[[^\]]*, lapsedBuyers\] as const;/m);
    expect(readFileSync(path.join(tmp, 'lib/i18n/messages-report.ts'), 'utf8')).toContain('  ind_lapsedBuyers: {');
    const stub = readFileSync(path.join(tmp, 'tests/unit/engine/indicators/lapsed-buyers.test.ts'), 'utf8');
    expect(stub).toContain('// SPEC §5.4');
    expect(stub).toContain("from '@/lib/engine/indicators/lapsed-buyers'");
    expect(stub).toMatch(/const byHand: number \| undefined = undefined;/); // fails until a number is written
    for (const f of ['lib/engine/indicators/lapsed-buyers.ts', 'lib/engine/indicators/index.ts', 'tests/unit/engine/indicators/lapsed-buyers.test.ts'])
      expect(syntaxErrors(f), f).toEqual([]);
  });

  test('the copy’s engine reports the new field and its sets', async () => {
    const engine = (await import(/* @vite-ignore */ path.join(tmp, 'lib/engine/index.ts'))) as typeof import('@/lib/engine');
    const snap = engine.buildSnapshot(bigWorld());
    const { report, sets } = engine.analyzeWindow(snap, { start: '2026-11-01', end: '2026-11-30' });
    expect(Object.keys(report).at(-1)).toBe('lapsedBuyers');
    expect((report as unknown as Record<string, unknown>).lapsedBuyers).toBe(0);
    expect(engine.ReportSchema.parse(report)).toEqual(report);
    expect(Object.keys(sets)).toContain('lapsedBuyers');
  });
});

describe('npm run new:adapter', () => {
  test('writes a registered adapter with Test URLs and a failing test stub', async () => {
    const files = planAdapter(tmp, 'shop-fans', { host: 'fans.example.com', path: '/fans/list' });
    expect(apply(tmp, files, false)).toEqual([
      'create lib/capture/adapters/shop-fans.ts',
      'edit lib/capture/adapters/index.ts',
      'create tests/unit/capture/adapters/shop-fans.test.tsx',
    ]);
    const index = readFileSync(path.join(tmp, 'lib/capture/adapters/index.ts'), 'utf8');
    expect(index).toContain("import { shopFans } from './shop-fans';");
    expect(index).toMatch(/export const adapters: readonly Adapter\[\] = \[[^\]]*, shopFans\];/);
    expect(readFileSync(path.join(tmp, 'lib/capture/adapters/shop-fans.ts'), 'utf8')).toMatch(/Test URLs[^\n]*\n \* {3}https:\/\/fans\.example\.com\/fans\/list\n/);
    expect(existsSync(path.join(tmp, 'tests/unit/capture/adapters/shop-fans.test.tsx'))).toBe(true);
    for (const f of ['lib/capture/adapters/shop-fans.ts', 'lib/capture/adapters/index.ts', 'tests/unit/capture/adapters/shop-fans.test.tsx'])
      expect(syntaxErrors(f), f).toEqual([]);
    expect(() => planAdapter(tmp, 'shop-fans', {})).toThrow(/exists already/);
    const registry = (await import(/* @vite-ignore */ path.join(tmp, 'lib/capture/adapters/index.ts'))) as typeof import('@/lib/capture/adapters');
    expect(registry.adaptersForUrl('https://fans.example.com/fans/list?x=1')[0]?.adapter.id).toBe('shop-fans');
  });
});
