/** Phone variants in DMP files (SPEC §7; issue 11 item 11): one bare 11-digit number each, masked ones left out. */
import { expect, test } from 'vitest';
import { exportDmp, rawIdentifier } from '@/lib/export/dmp';

test.each([
  ['13812341234', '13812341234'],
  ['+86 138 1234 1234', '13812341234'],
  ['+86-138-1234-1234', '13812341234'],
  ['0086 13812341234', '13812341234'],
  ['86-138-1234-1234', '13812341234'],
  ['8613812341234', '13812341234'],
  ['(+86) 138.1234.1234', '13812341234'],
  ['138 1234 1234', '13812341234'],
  ['138****1234', null],
  ['+86 138****1234', null],
  ['1381234123', null],
  ['23812341234', null],
])('%j → %j', (phone, expected) => {
  expect(rawIdentifier({ customerKey: 'k', phone }, 'phone-sha256')).toBe(expected);
});

test('variants of one number are one line; masked members are counted as without identifier', async () => {
  const members = ['+86 138 1234 1234', '86-138-1234-1234', '13812341234', '138****1234'].map((phone, i) => ({ customerKey: `douyin:s1:nick:${i}`, phone }));
  const out = await exportDmp(members, { preset: 'damopan', identifier: 'phone-md5', shopId: 's1', platform: 'taobao', audienceName: 'x', minAudience: 1, at: '2026-12-01T09:00:00+08:00' });
  expect(out).toMatchObject({ exported: 1, duplicates: 2, skippedNoIdentifier: 1 });
  // md5("13812341234"), computed outside: `printf 13812341234 | md5sum`
  expect(new TextDecoder().decode(out.files[0]!.bytes)).toBe('09eec9a801d61234ec2163f2a876ad21');
});
