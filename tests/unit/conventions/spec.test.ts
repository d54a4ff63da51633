/**
 * The contract in the repository: docs/SPEC.md is the shared SPEC.md, kept equal by this test,
 * and every section of it (## and ###) is pinned by at least one test — a test file names it on a
 * line holding both "SPEC" and "§N.M" (e.g. `// SPEC §5.2 …` or `describe('… (SPEC §5.2)')`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const docsSpec = path.join(root, 'docs/SPEC.md');
// Where the shared contract lives beside the repository (overridable to try the absent case).
const sharedSpec = path.join(process.env.SELLER_LENS_SHARED_DIR ?? path.resolve(root, '../shared'), 'SPEC.md');

/** Section numbers of the SPEC's `## N.` and `### N.M` headings. */
function specSections(text: string): string[] {
  return [...text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]!);
}

/** Section numbers a test file names on lines that also say SPEC (`§5.2`, `§ 5.2`). */
function taggedSections(source: string): Set<string> {
  const out = new Set<string>();
  for (const line of source.split('\n')) {
    if (!line.includes('SPEC')) continue;
    for (const m of line.matchAll(/§\s?(\d+(?:\.\d+)?)/g)) out.add(m[1]!);
  }
  return out;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' || e.name === 'node_modules' ? [] : testFiles(p);
    return /\.(test|spec)\.tsx?$/.test(e.name) ? [p] : [];
  });
}

test('docs/SPEC.md is the shared SPEC.md', () => {
  const ours = readFileSync(docsSpec, 'utf8');
  if (!existsSync(sharedSpec)) {
    // A fresh clone without ../shared (CI may lay it beside the repo, or not): nothing to compare with.
    console.info(`docs/SPEC.md: ${sharedSpec} is absent, so equality with the shared SPEC is not checked here`);
    expect(ours.length).toBeGreaterThan(0);
    return;
  }
  expect(ours, 'docs/SPEC.md differs from ../shared/SPEC.md: copy the shared one over it').toBe(readFileSync(sharedSpec, 'utf8'));
});

describe('every SPEC section is pinned by a test', () => {
  const sections = specSections(readFileSync(docsSpec, 'utf8'));
  const files = testFiles(path.join(root, 'tests'));
  const tagged = new Map<string, string[]>();
  for (const f of files)
    for (const s of taggedSections(readFileSync(f, 'utf8'))) tagged.set(s, [...(tagged.get(s) ?? []), path.relative(root, f)]);

  test('the SPEC has its sections (## 1 … ## 10 with ### subsections)', () => {
    expect(sections).toContain('1');
    expect(sections).toContain('5.2');
    expect(sections).toContain('10');
  });

  test.each(sections.map((s) => [s]))('§%s', (s) => {
    // A ## section with ### subsections is pinned by a test of any of them too.
    const hits = [...tagged.entries()].filter(([t]) => t === s || t.startsWith(`${s}.`)).flatMap(([, f]) => f);
    expect(hits.length, `no test file names "SPEC … §${s}"`).toBeGreaterThan(0);
  });

  test('the tag reader reads tags (and only on SPEC lines)', () => {
    expect([...taggedSections('// SPEC §5.2 and §6\n// CONSOLES.md §9.4\ndescribe("x (SPEC §10)")')]).toEqual(['5.2', '6', '10']);
    expect(specSections('# T\n## 1. Who\n### 5.1 Key\n## 10. Hooks\n')).toEqual(['1', '5.1', '10']);
  });
});
