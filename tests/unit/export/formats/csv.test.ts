/** The csv export format, byte for byte. */
import { expect, test } from 'vitest';
import { csvFormat } from '@/lib/export/formats';
import { input } from './fixture';

test('csv: BOM, header, a formula nickname neutralised, yuan, CRLF', async () => {
  const out = await csvFormat.write(input, { kind: 'csv' });
  expect(out.files.map((f) => [f.name, f.mime])).toEqual([['seller-lens-audience-s1-复购_2026-11-01_2026-11-30-20261201.csv', 'text/csv;charset=utf-8']]);
  const bytes = out.files[0]!.bytes;
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder().decode(bytes.slice(3))).toBe(
    '客户,客户分层,买家ID,手机号,性别,省份,城市,粉丝,会员等级,成交订单数,成交金额(元),客单价(元),首次成交时间,最近成交时间,标签,客户标识\r\n' +
      `"'=HYPERLINK(""x"")",复购,b1,"=""13812341234""",,,,,,2,123.45,61.73,2026-11-02 10:00:00,2026-11-20 13:45:12,,douyin:s1:id:b1\r\n`,
  );
  expect(csvFormat.recordFormat({ kind: 'csv' })).toBe('csv');
});
