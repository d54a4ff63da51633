/**
 * Member drill texts (the "drill" helper's block): the pathway-step tags (lib/audience/pathway-tags.ts)
 * and the member list opened from a tier card, RFM class or pathway step. Spread into `messages`.
 */
export const membersMessages = {
  tagGroup_pathway: { zh: '通路环节', en: 'Pathway steps' },
  pathway_newVisitorSameDay: { zh: '新访当日成交', en: 'New visitors who bought the same day' },
  pathway_unpurchasedAssets: { zh: '未购资产', en: 'Not-bought assets' },
  pathway_unpurchasedRecalled: { zh: '未购召回', en: 'Not-bought, recalled' },
  pathway_unpurchasedNotRecalled: { zh: '未购未召回', en: 'Not-bought, not recalled' },
  pathway_unpurchasedRecalledNotBought: { zh: '未购召回未成交', en: 'Not-bought, recalled, did not buy' },
  pathway_unpurchasedConverted: { zh: '未购召回成交', en: 'Not-bought, recalled, bought' },
  pathway_purchasedAssets: { zh: '已购资产', en: 'Bought assets' },
  pathway_purchasedRecalled: { zh: '已购召回', en: 'Bought before, recalled' },
  pathway_purchasedNotRecalled: { zh: '已购未召回', en: 'Bought before, not recalled' },
  pathway_purchasedRecalledNotBought: { zh: '已购召回未复购', en: 'Bought before, recalled, did not rebuy' },
  pathway_purchasedConverted: { zh: '已购召回复购', en: 'Bought before, recalled, rebought' },
  members_unknownTag: { zh: '没有这个名单：{id}', en: 'no such member list: {id}' },
} as const;
