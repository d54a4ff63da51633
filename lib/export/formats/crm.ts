/** 抖店 CRM 运营计划 order-number import of the members' orders waiting to ship (SPEC §7). */
import { z } from 'zod';
import { Day } from '../../model';
import { CRM_PLAN_LABELS, crmPlanFiles, crmPlanRowsFromOrders, type CrmPlanKind } from '../crm-plan';
import { defineFormat, mimeOf } from './types';

const PLANS = Object.keys(CRM_PLAN_LABELS) as [CrmPlanKind, ...CrmPlanKind[]];

const options = z
  .object({
    kind: z.literal('crm'),
    plan: z.enum(PLANS),
    delayTo: Day.optional(),
    solution: z.string().trim().min(1).optional(),
    reason: z.string().trim().min(1),
  })
  .refine((o) => (o.plan === 'delay' ? o.delayTo !== undefined : o.solution !== undefined), {
    message: '延迟发货协商 needs delayTo (the new ship day); 缺货提醒 needs a solution',
  });

export const crmFormat = defineFormat<z.infer<typeof options>>({
  id: 'crm',
  labelKey: 'exportCrm',
  options,
  example: { kind: 'crm', plan: 'delay', delayTo: '2026-12-05', reason: '仓库盘点' },
  recordFormat: (o) => `crm:${o.plan}`,
  snapshotOrder: true,
  async write(input, o) {
    const members = new Set(input.members.map((m) => m.customerKey));
    const rows = crmPlanRowsFromOrders(
      input.orders.filter((x) => members.has(x.customerKey)),
      input.shopId,
      { delayTo: o.delayTo, solution: o.solution, reason: o.reason },
    );
    const out = await crmPlanFiles(rows, { kind: o.plan, shopId: input.shopId, planName: input.audienceName, at: input.at });
    return {
      files: out.files.map((f) => ({ name: f.name, bytes: f.bytes, mime: mimeOf(f.name) })),
      crm: { rows: out.rows, duplicates: out.duplicates, rejected: out.rejected.length },
    };
  },
});
