/** Formula cells through the audience CSV (SPEC §7; issue 11 item 11): every column, every leading mark. */
import { expect, test } from 'vitest';
import { customerAudienceCsv } from '@/lib/export/csv';

const MARKS = ['=', '+', '-', '@', '\t', '\r'];

test.each(MARKS.map((m) => [JSON.stringify(m), m] as const))('a cell starting with %s is prefixed with \' in every text column', (_n, mark) => {
  const v = `${mark}HYPERLINK("http://x")`;
  const text = new TextDecoder().decode(
    customerAudienceCsv(
      [{ customerKey: 'douyin:s1:id:b1', nickname: v, buyerId: v, phone: v, province: v, city: v, memberLevel: v, tags: [v] }],
      new Map(),
      { segmentOf: () => v },
    ),
  );
  const row = text.slice(text.indexOf('\r\n') + 2);
  // Quoted fields (they hold a quote, a tab or a CR): each of the 8 text cells begins with "'<mark>.
  const quoted = `"'${mark}HYPERLINK(""http://x"")"`;
  expect(row.split(quoted).length - 1).toBe(8);
  // No cell starts with a bare mark.
  expect(row.startsWith(`${mark}`)).toBe(false);
  expect(row).not.toContain(`,${mark}H`);
});
