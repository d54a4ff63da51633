/** 八大客户类型 (SPEC §5.2): RFM classes as of W.end over the L days ending it (report field `rfm`). */
import { z } from 'zod';
import { RFM_CLASSES, rfmClasses, type RfmClass, type RfmResult } from '../rfm';
import { Count } from './fields';
import { countRow, label } from './sheets';
import { defineIndicator } from './types';

/** The catalogue key of an RFM class's name (重要价值 …). */
export const rfmLabelKey = (k: RfmClass) => `rfm_${k}` as const;

export const rfm = defineIndicator({
  id: 'rfm',
  spec: '§5.2',
  label: 'rfmTitle',
  schema: z.object(Object.fromEntries(RFM_CLASSES.map((k) => [k, Count])) as Record<RfmClass, typeof Count>),
  compute: ({ snap, range }) => {
    const r: RfmResult = rfmClasses(snap, range.end);
    return { field: { ...r.counts }, sets: r };
  },
  tags: ({ snap, range }, sets) => {
    const r = sets ?? rfmClasses(snap, range.end);
    return RFM_CLASSES.map((k) => ({ group: 'rfm' as const, id: `rfm:${k}`, label: rfmLabelKey(k), size: r.counts[k], members: () => r.members[k] }));
  },
  xlsx: (f) => [
    {
      kv: {
        name: label('xlsx_sheetRfm'),
        keyHeader: label('customerClass'),
        valueHeader: label('xlsx_persons'),
        rows: RFM_CLASSES.map((k) => countRow(label(rfmLabelKey(k)), f[k])),
      },
    },
  ],
});
