/**
 * The 高潜 view's "how this list is ranked" line (issue 14 item 1, the "season" helper's block):
 * which scorer won the shop's own backtest and how well it ranked, in the merchant's words.
 * "AUC" is named once, in the explanation, as the figure's name.
 */
export const selectionMessages = {
  'selection.rankedBy': { zh: '排序方式：', en: 'Ranked by: ' },
  'selection.model': { zh: '本店模型', en: 'the shop’s own model' },
  'selection.fallback': { zh: '按最近加购、互动、粉丝、买过几次的固定规则', en: 'a fixed rule on recent cart adds, visits, fan and past purchases' },
  'selection.recency': { zh: '最近互动优先', en: 'most recent contact first' },
  'selection.contacts7d': { zh: '近7天互动多的优先', en: 'most contacts in the last 7 days first' },
  'selection.accuracy': { zh: '（回测准确度 {auc}，{grade}）', en: ' (backtest accuracy {auc}, {grade})' },
  'selection.accuracyBeatModel': {
    zh: '（回测准确度 {auc}，{grade}；本店模型回测不如它：{model}）',
    en: ' (backtest accuracy {auc}, {grade}; the shop’s own model did worse: {model})',
  },
  'selection.accuracyNoModel': {
    zh: '（回测准确度 {auc}，{grade}；本店数据还不够训练模型）',
    en: ' (backtest accuracy {auc}, {grade}; too little data yet to train the shop’s own model)',
  },
  'selection.notChecked': { zh: '（本店数据还不够回测）', en: ' (too little data yet to check it)' },
  'selection.grade.high': { zh: '很可靠', en: 'very reliable' },
  'selection.grade.good': { zh: '较可靠', en: 'fairly reliable' },
  'selection.grade.fair': { zh: '一般', en: 'moderate' },
  'selection.grade.low': { zh: '仅供参考', en: 'a rough guide only' },
  'selection.grade.few': { zh: '回测中下单的人少，仅供参考', en: 'few buyers to check on, a rough guide only' },
  'selection.explain': {
    zh: '用本店过去 {weeks} 周的数据回测：随机挑一位后来下单的和一位没下单的，排在前面的是下单者的概率为 {pct}（即 AUC；0.5 等于随手乱排，1 为全对）。共抽查 {population} 人次，其中 {positives} 人次在之后7天内下单。',
    en: 'Checked on {weeks} past weeks of the shop’s own data: pick one customer who then bought and one who did not — the buyer is ranked first {pct} of the time (the AUC; 0.5 is a random order, 1 is always right). {population} customer-weeks sampled, {positives} of them bought within the next 7 days.',
  },
  'selection.explainButton': { zh: '回测准确度是什么', en: 'What backtest accuracy means' },
} as const;
