/** XLSX of an audience's customers: the CSV's columns (SPEC §7). */
import { z } from 'zod';
import { exportFileName } from '../download-names';
import { customerAudienceXlsx } from '../xlsx';
import { MIME, defineFormat } from './types';

const options = z.object({ kind: z.literal('xlsx') });

export const xlsxFormat = defineFormat<z.infer<typeof options>>({
  id: 'xlsx',
  labelKey: 'format_xlsx',
  options,
  example: { kind: 'xlsx' },
  recordFormat: () => 'xlsx',
  async write(input) {
    const bytes = await customerAudienceXlsx(input.members, input.stats, { segmentOf: () => input.audienceName });
    const label = `${input.audienceName}_${input.window.start}_${input.window.end}`;
    return { files: [{ name: exportFileName('audience', input.shopId, label, 'xlsx', input.at), bytes, mime: MIME.xlsx }] };
  },
});
