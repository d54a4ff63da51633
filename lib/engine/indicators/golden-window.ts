/** 新客黄金期 (SPEC §5.4): first-ever contact in the days ending W.end and no paid order yet (report field `goldenWindow`). */
import { GOLDEN_WINDOW_DAYS, goldenWindow as goldenWindowOf } from '../golden-window';
import { Count } from './fields';
import { countRow, label } from './sheets';
import { defineIndicator } from './types';

export const goldenWindow = defineIndicator({
  id: 'goldenWindow',
  spec: '§5.4',
  label: 'ind_goldenWindow',
  schema: Count,
  compute: ({ snap, range, opts }) => {
    const members: Int32Array = goldenWindowOf(snap, range.end, opts.goldenWindowDays ?? GOLDEN_WINDOW_DAYS);
    return { field: members.length, sets: members };
  },
  tags: ({ snap, range, goldenWindowDays }, sets) => {
    const members = sets ?? goldenWindowOf(snap, range.end, goldenWindowDays);
    return [{ group: 'tier', id: 'tier:goldenWindow', label: 'ind_goldenWindow', size: members.length, members: () => members }];
  },
  // One row of the 用户资产 sheet, after the Douyin tiers.
  xlsx: (n) => [
    { kv: { name: label('xlsx_sheetUserAssets'), keyHeader: label('xlsx_tier'), valueHeader: label('xlsx_persons'), rows: [countRow(label('ind_goldenWindow'), n)] } },
  ],
});
