/** Hostile texts through the audience XLSX (issue 11 item 11): the file opens and reads back. */
import { expect, test } from 'vitest';
import { XLSX_MAX_CELL_CHARS, cellText, customerAudienceXlsx } from '@/lib/export/xlsx';

async function readBack(bytes: Uint8Array) {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb.worksheets[0]!;
}

test('a 10,000-character nickname is kept whole', async () => {
  const nick = '昵'.repeat(10_000);
  const ws = await readBack(await customerAudienceXlsx([{ customerKey: 'douyin:s1:nick:x', nickname: nick }], new Map()));
  expect(ws.getRow(2).getCell(1).value).toBe(nick);
});

test('lone surrogates, U+FFFE and control characters give a valid file (U+FFFD in their place)', async () => {
  const members = [
    { customerKey: 'douyin:s1:nick:a', nickname: 'a\ud800b' },
    { customerKey: 'douyin:s1:nick:b', nickname: 'c\udc00d' },
    { customerKey: 'douyin:s1:nick:c', nickname: 'e\u0001\u000b\ufffef' },
    { customerKey: 'douyin:s1:nick:d', nickname: '😀 kept' },
  ];
  const ws = await readBack(await customerAudienceXlsx(members, new Map()));
  expect([2, 3, 4, 5].map((r) => ws.getRow(r).getCell(1).value)).toEqual(['a\ufffdb', 'c\ufffdd', 'e\ufffd\ufffd\ufffdf', '😀 kept']);
});

test('formula-looking texts are text cells, never formulas', async () => {
  const marks = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=y'];
  const ws = await readBack(await customerAudienceXlsx(marks.map((m, i) => ({ customerKey: `douyin:s1:nick:${i}`, nickname: m })), new Map()));
  marks.forEach((m, i) => {
    const cell = ws.getRow(i + 2).getCell(1);
    expect(cell.formula).toBeUndefined();
    // XML reads a bare CR as LF (line-end normalisation); the text is otherwise as written.
    expect(cell.value).toBe(m.replace('\r', '\n'));
  });
});

test('cellText cuts at 32,767 characters, never through a surrogate pair', () => {
  expect(cellText('x'.repeat(40_000)).length).toBe(XLSX_MAX_CELL_CHARS);
  const cut = cellText('x'.repeat(XLSX_MAX_CELL_CHARS - 2) + '😀'.repeat(10));
  expect(cut.isWellFormed()).toBe(true);
  expect(cut.endsWith('…')).toBe(true);
});
