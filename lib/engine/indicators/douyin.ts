/** 用户资产 (SPEC §3): users, purchasers, firstOrder, repeat and 高潜 of the window (report field `douyin`). */
import { z } from 'zod';
import { douyinTiers, HIGH_POTENTIAL_THRESHOLD, type DouyinTiers } from '../douyin-tiers';
import { Count } from './fields';
import { countRow, label } from './sheets';
import { defineIndicator } from './types';

const TIERS = ['users', 'purchasers', 'firstOrder', 'repeat'] as const;

export const douyin = defineIndicator({
  id: 'douyin',
  spec: '§3',
  label: 'douyinAssets',
  schema: z.object({ users: Count, purchasers: Count, firstOrder: Count, repeat: Count, highPotential: Count }),
  compute: ({ snap, range, opts }) => {
    const dy = douyinTiers(snap, range, { scorer: opts.scorer, threshold: HIGH_POTENTIAL_THRESHOLD });
    return { field: { ...dy.counts, highPotential: dy.highPotential.length }, sets: dy as DouyinTiers };
  },
  tags: ({ snap, range, scorer, threshold }, sets) => {
    const dy = sets ?? douyinTiers(snap, range, { scorer, threshold });
    return [
      ...TIERS.map((k) => ({ group: 'tier' as const, id: `tier:${k}`, label: k, size: dy.counts[k], members: () => dy[k] })),
      { group: 'tier', id: 'tier:highPotential', label: 'highPotential', size: dy.highPotential.length, members: () => dy.highPotential },
    ];
  },
  xlsx: (f) => [
    {
      kv: {
        name: label('xlsx_sheetUserAssets'),
        keyHeader: label('xlsx_tier'),
        valueHeader: label('xlsx_persons'),
        rows: [...TIERS, 'highPotential' as const].map((k) => countRow(label(k), f[k])),
      },
    },
  ],
});
