/** Path and bidi characters in shop ids / names never reach a download's file name (issue 11 item 11). */
import { expect, test } from 'vitest';
import { backupFileName, exportFileName, fileSafe } from '@/lib/export/download-names';

test.each([
  ['../../etc/passwd', '_._.._etc_passwd'],
  ['..\\..\\Windows', '_._.._Windows'],
  ['.hidden', '_hidden'],
  ['店\u202Etxt.exe', '店txt.exe'],
  ['a\u2066b\u2069c\u200f', 'abc'],
  ['a\u0000b\u007fc', 'a_b_c'],
  ['C:shop|*?', 'C_shop___'],
  ['\u202E', '_'],
])('fileSafe(%j) = %j', (input, expected) => {
  expect(fileSafe(input)).toBe(expected);
});

test('a hostile shop id and audience name make one flat, readable file name', () => {
  const name = exportFileName('audience', '../\u202Eevil', '复购\u202Egpj.exe/..', 'csv', '2026-12-01T09:00:00+08:00');
  expect(name).toBe('seller-lens-audience-_._evil-复购gpj.exe_..-20261201.csv');
  expect(backupFileName('/\u2067x', '2026-12-01T09:00:00+08:00')).toBe('seller-lens-backup-_x-20261201.json');
});
