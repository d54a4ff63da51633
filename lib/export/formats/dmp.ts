/** DMP identifier files for an ad platform preset (SPEC §7: 千川 / 达摩盘 / 腾讯广告). */
import { z } from 'zod';
import { exportDmp } from '../dmp';
import { DMP_IDENTIFIER_LABELS, DMP_PRESETS, type DmpIdentifier, type DmpPresetId } from '../dmp-presets';
import { defineFormat, mimeOf } from './types';

const PRESET_IDS = Object.keys(DMP_PRESETS) as [DmpPresetId, ...DmpPresetId[]];
const IDENTIFIERS = Object.keys(DMP_IDENTIFIER_LABELS) as [DmpIdentifier, ...DmpIdentifier[]];

const options = z.object({
  kind: z.literal('dmp'),
  preset: z.enum(PRESET_IDS),
  identifier: z.enum(IDENTIFIERS).optional(),
  minAudience: z.number().int().nonnegative().optional(),
});

export const dmpFormat = defineFormat<z.infer<typeof options>>({
  id: 'dmp',
  labelKey: 'exportDmp',
  options,
  example: { kind: 'dmp', preset: 'qianchuan', identifier: 'phone-sha256' },
  recordFormat: (o) => `dmp:${o.preset}`,
  async write(input, o) {
    const dmp = await exportDmp(input.members, {
      preset: o.preset,
      identifier: o.identifier,
      shopId: input.shopId,
      platform: input.platform,
      audienceName: input.audienceName,
      minAudience: o.minAudience,
      at: input.at,
    });
    return {
      files: dmp.files.map((f) => ({ ...f, mime: mimeOf(f.name) })),
      dmp: { exported: dmp.exported, skippedNoIdentifier: dmp.skippedNoIdentifier, duplicates: dmp.duplicates, warnings: dmp.warnings },
    };
  },
});
