/**
 * Every source file stays small enough to read in one sitting (issue 12: "the largest file is under
 * 400 lines"): lib/, components/, entrypoints/ and scripts/. A file that grows past it is split by job.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LIMIT = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(name) ? [full] : [];
  });
}

test(`every source file has fewer than ${LIMIT} lines`, () => {
  const files = ['lib', 'components', 'entrypoints', 'scripts'].flatMap((d) => sourceFiles(path.join(ROOT, d)));
  expect(files.length).toBeGreaterThan(100);
  const tooLong = files
    .map((f) => ({ file: path.relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length }))
    .filter((f) => f.lines >= LIMIT);
  expect(tooLong).toEqual([]);
});
