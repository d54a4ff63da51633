/** 基准数据覆盖率 (SPEC §5.4): gender, city and full phone known, over the L days ending W.end (report field `coverage`). */
import { z } from 'zod';
import { coverage as coverageOf, COVERAGE_TARGET, type Coverage } from '../coverage';
import { Rate } from './fields';
import { label, rateRow } from './sheets';
import { defineIndicator } from './types';

export const coverage = defineIndicator({
  id: 'coverage',
  spec: '§5.4',
  label: 'coverageTitle',
  schema: z.object({ all: Rate, gender: Rate, city: Rate, phone: Rate }),
  compute: ({ snap, range }) => {
    const c: Coverage = coverageOf(snap, range.end);
    return { field: { all: c.all, gender: c.gender, city: c.city, phone: c.phone }, sets: c };
  },
  xlsx: (f) => [
    {
      kv: {
        name: label('coverageTitle'),
        keyHeader: label('xlsx_field'),
        valueHeader: label('xlsx_coverage'),
        rows: [
          rateRow(label('xlsx_coverageAll'), f.all),
          rateRow(label('coverage_gender'), f.gender),
          rateRow(label('coverage_city'), f.city),
          rateRow(label('xlsx_coveragePhone'), f.phone),
          rateRow(label('coverageTarget'), COVERAGE_TARGET),
        ],
      },
    },
  ],
});
