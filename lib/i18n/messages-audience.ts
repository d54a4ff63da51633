/**
 * Texts of the audience expression parser (lib/audience/expression.ts) and the DMP export's
 * warnings (lib/export/dmp.ts), with `{name}` placeholders (filled by lib/i18n/text.ts textOf).
 * Spread into `messages`.
 */
export const audienceMessages = {
  // ——— audience expressions (lib/audience/expression.ts) ———
  expr_unclosedQuote: { zh: '第 {pos} 个字符处的引号没有闭合', en: 'unclosed quote starting at position {pos}' },
  expr_emptyTag: { zh: '第 {pos} 个字符处的标签为空', en: 'empty tag "" at position {pos}' },
  expr_empty: { zh: '表达式为空：请至少选择一个标签', en: 'the expression is empty: pick at least one tag' },
  expr_expected: { zh: '第 {pos} 个字符处：{wantZh}，但遇到了{foundZh}', en: 'at position {pos}: expected {wantEn}, found {foundEn}' },
  expr_unclosedParen: {
    zh: '第 {pos} 个字符处的“(”缺少对应的“)”（在第 {at} 个字符处遇到了{foundZh}）',
    en: 'the "(" at position {pos} is not closed (found {foundEn} at position {at})',
  },
  expr_unmatchedParen: { zh: '第 {pos} 个字符处的“)”没有对应的“(”', en: 'unmatched ")" at position {pos}' },
  expr_tooDeep: { zh: '第 {pos} 个字符处：括号嵌套超过 {max} 层，请简化表达式', en: 'at position {pos}: parentheses nested deeper than {max} levels; simplify the expression' },
  expr_tooLong: { zh: '第 {pos} 个字符处：运算符超过 {max} 个，请简化表达式', en: 'at position {pos}: more than {max} operators; simplify the expression' },
  expr_unknownTag: {
    zh: '第 {pos} 个字符处：没有标签“{id}”（含空格或运算符的标签请加引号）',
    en: 'at position {pos}: unknown tag "{id}" (quote tag ids with spaces or operators)',
  },
  expr_tokEnd: { zh: '表达式结尾', en: 'the end of the expression' },
  expr_tokOpen: { zh: '“(”', en: '"("' },
  expr_tokClose: { zh: '“)”', en: '")"' },
  expr_tokOp: { zh: '运算符“{text}”', en: 'operator "{text}"' },
  expr_tokTag: { zh: '标签“{id}”', en: 'tag "{id}"' },
  expr_wantTag: { zh: '应为标签或“(”', en: 'a tag or "("' },
  expr_wantOp: { zh: '应为运算符（交 / 并 / 差）', en: 'an operator (交 AND / 并 OR / 差 EXCEPT)' },
  expr_tagSize: { zh: '标签“{id}”的人数与客户数不一致', en: 'tag "{id}" has {n} flags, expected {size}' },
  // ——— DMP export warnings (lib/export/dmp.ts) ———
  dmp_identifierRefused: { zh: '{presetZh} 不接受{idZh}', en: '{presetEn} does not accept {idEn}' },
  dmp_taobaoOnly: { zh: '{idZh}仅适用于淘宝店铺的客户', en: "{idEn} is only for a Taobao shop's customers" },
  dmp_nothingExported: { zh: '没有可导出的标识（需要完整手机号或平台接受的ID）', en: 'nothing to export: no member has a usable identifier' },
  dmp_smallAudience: { zh: '人群仅 {n} 人，少于 {min}，平台可能无法投放', en: 'only {n} identifiers, under {min}: the platform may not deliver to so small an audience' },
  dmp_skippedMembers: { zh: '{n} 人没有可用标识（无手机号或为脱敏号码），未导出', en: '{n} members had no usable identifier (no phone or a masked one) and were left out' },
  // ——— the worker's audience jobs (components/engine/audience-jobs.ts) ———
  audience_exportMissing: { zh: '找不到该导出记录', en: 'no export {exportId} in this shop' },
  // ——— parameterised conditions (lib/audience/conditions.ts) ———
  cond_recentPaid: { zh: '最近购买 {n} 天内', en: 'Bought in the last {n} days' },
  cond_paidCount: { zh: '购买次数 ≥ {n}', en: '≥ {n} paid orders' },
  cond_exported: { zh: '近 {n} 天已导出', en: 'Exported in the last {n} days' },
  // ——— an audience described in words (lib/audience/describe.ts) ———
  audience_wordAnd: { zh: ' · ', en: ' · ' },
  audience_wordOr: { zh: ' 或 ', en: ' or ' },
  audience_wordExcept: { zh: ' 不含 ', en: ' except ' },
  // ——— the 人群 view: sub-tabs, steps, sticky bar (components/panel/audience) ———
  audience_tabBuild: { zh: '圈选人群', en: 'Build' },
  audience_tabSaved: { zh: '已存人群', en: 'Saved' },
  audience_tabHistory: { zh: '历史与转化', en: 'History & conversion' },
  audience_stepSelect: { zh: '圈选', en: 'Select' },
  audience_stepPreview: { zh: '预览', en: 'Preview' },
  audience_stepExport: { zh: '导出', en: 'Export' },
  audience_next: { zh: '下一步', en: 'Next' },
  audience_nameFollows: { zh: '名称随条件变化；输入后保持不变，清空则重新跟随条件', en: 'The name follows the conditions until you type one; clear it to follow again' },
  audience_searchTags: { zh: '搜索标签，如 复购、四川', en: 'Search tags, e.g. repeat, Sichuan' },
  audience_noTagMatch: { zh: '没有匹配的标签', en: 'No tag matches' },
  audience_conditions: { zh: '购买与导出条件', en: 'Purchases and exports' },
  audience_condNote: {
    zh: '按窗口结束日计算：最近购买 N 天内 = 结束日前 N 天内有成交；购买次数 = 近365天成交笔数；近 N 天已导出 = 结束日前 N 天内（及之后）导出过的成员，不含对照组。',
    en: 'As of the window’s end: bought in the last N days = a paid order in the N days ending it; paid orders = those in the 365 days ending it; exported in the last N days = members of exports made in the N days ending it (or later), control groups not included.',
  },
  audience_condRecentBefore: { zh: '最近购买', en: 'Bought in the last' },
  audience_condRecentAfter: { zh: '天内', en: 'days' },
  audience_condCountBefore: { zh: '购买次数 ≥', en: 'Paid orders ≥' },
  audience_condExportedBefore: { zh: '近', en: 'Exported in the last' },
  audience_condExportedAfter: { zh: '天已导出', en: 'days' },
  audience_condAdd: { zh: '加入', en: 'Add' },
  audience_condExclude: { zh: '排除', en: 'Exclude' },
  audience_advanced: { zh: '高级：按表达式编辑', en: 'Advanced: edit as an expression' },
  audience_previewTitle: { zh: '成员预览', en: 'Members' },
  audience_previewNote: { zh: '前 {n} 人，最近购买在前；购买次数与金额为近365天的成交', en: 'The first {n}, latest buyers first; orders and amount are paid orders of the last 365 days' },
  audience_colNickname: { zh: '昵称', en: 'Nickname' },
  audience_colLastPaid: { zh: '最近购买', en: 'Last bought' },
  audience_colPaidOrders: { zh: '购买次数', en: 'Orders' },
  audience_colPaidAmount: { zh: '金额', en: 'Amount' },
  audience_pickFirst: { zh: '先在“圈选”里选择条件', en: 'Pick conditions under Select first' },
  audience_exportOf: { zh: '导出人群：', en: 'Exporting: ' },
  // ——— 人货匹配 in words (components/panel/audience/Affinity.tsx) ———
  audience_affinityBecause: { zh: '因为买过 → 其中也买它的比例', en: 'Because they bought → share who also bought it' },
  audience_affinityLift: { zh: '比全店买家高', en: 'vs all buyers' },
  audience_affinityTimes: { zh: '{x} 倍', en: '{x}×' },
} as const;
