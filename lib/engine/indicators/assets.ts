/** 店铺客户资产 (SPEC §4): relationship, active and dormant layers as of W.end (report field `assets`). */
import { z } from 'zod';
import { assetLayers, type AssetLayers } from '../assets';
import { Count } from './fields';
import { countRow, label } from './sheets';
import { defineIndicator } from './types';

const LAYERS = ['relationship', 'active', 'dormant'] as const;
const TAG_LABELS = { relationship: 'tag_assetRelationship', active: 'tag_assetActive', dormant: 'tag_assetDormant' } as const;

export const assets = defineIndicator({
  id: 'assets',
  spec: '§4',
  label: 'assetLayers',
  schema: z.object({ relationship: Count, active: Count, dormant: Count }),
  compute: ({ snap, range }) => {
    const a: AssetLayers = assetLayers(snap, range.end);
    return { field: { ...a.counts }, sets: a };
  },
  tags: ({ snap, range }, sets) => {
    const a = sets ?? assetLayers(snap, range.end);
    return LAYERS.map((k) => ({ group: 'asset' as const, id: `asset:${k}`, label: TAG_LABELS[k], size: a.counts[k], members: () => a[k] }));
  },
  xlsx: (f) => [
    {
      kv: {
        name: label('assetLayers'),
        keyHeader: label('xlsx_asset'),
        valueHeader: label('xlsx_persons'),
        rows: LAYERS.map((k) => countRow(label(k), f[k])),
      },
    },
  ],
});
