/** The dmp export format: 千川 zip of one txt of lowercase SHA-256 hex lines. */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { dmpFormat } from '@/lib/export/formats';
import { input } from './fixture';

test('dmp: qianchuan phone-sha256 → zip holding the hashed full phone', async () => {
  const out = await dmpFormat.write(input, { kind: 'dmp', preset: 'qianchuan', identifier: 'phone-sha256', minAudience: 1 });
  expect(out.files.map((f) => f.mime)).toEqual(['application/zip']);
  expect(out.files[0]!.name).toMatch(/^seller-lens-dmp-s1-巨量千川_复购_.+-20261201\.zip$/);
  expect([...out.files[0]!.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const entries = unzipSync(out.files[0]!.bytes);
  const [txtName, txt] = Object.entries(entries)[0]!;
  expect(txtName.endsWith('.txt')).toBe(true);
  expect(new TextDecoder().decode(txt)).toBe(createHash('sha256').update('13812341234').digest('hex'));
  expect(out.dmp).toMatchObject({ exported: 1, skippedNoIdentifier: 0, duplicates: 0 });
  expect(dmpFormat.recordFormat({ kind: 'dmp', preset: 'qianchuan' })).toBe('dmp:qianchuan');
});
