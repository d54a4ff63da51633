/** CSV of an audience's customers (SPEC §7: UTF-8 with BOM, formula cells neutralised, yuan). */
import { z } from 'zod';
import { customerAudienceCsv } from '../csv';
import { exportFileName } from '../download-names';
import { MIME, defineFormat } from './types';

const options = z.object({ kind: z.literal('csv') });

export const csvFormat = defineFormat<z.infer<typeof options>>({
  id: 'csv',
  labelKey: 'format_csv',
  options,
  example: { kind: 'csv' },
  recordFormat: () => 'csv',
  async write(input) {
    const bytes = customerAudienceCsv(input.members, input.stats, { segmentOf: () => input.audienceName });
    const label = `${input.audienceName}_${input.window.start}_${input.window.end}`;
    return { files: [{ name: exportFileName('audience', input.shopId, label, 'csv', input.at), bytes, mime: MIME.csv }] };
  },
});
