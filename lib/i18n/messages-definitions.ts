/**
 * What each figure of the side panel means (the ⓘ beside it), written from SPEC §3–§5 in the
 * merchant's words: no field names, no model terms. Keyed `def_<metric>`; shown by
 * components/panel/Definition.tsx. Spread into `messages`.
 */
export const definitionMessages = {
  // ——— 用户资产 (SPEC §3) ———
  def_users: {
    zh: '所选时间内与店铺有过任何互动（浏览、点击、加购、下单或付款）的人，粉丝和非粉丝都算。',
    en: 'Everyone who did anything with the shop in the period shown — viewed, clicked, added to cart, ordered or paid — fans or not.',
  },
  def_purchasers: { zh: '所选时间内至少付款成交一笔订单的人。', en: 'Everyone who paid for at least one order in the period shown.' },
  def_firstOrder: {
    zh: '所选时间内成交、而在这之前从没在本店成交过的人（新客）。首单用户 + 复购用户 = 成交用户。',
    en: 'Buyers in the period who had never bought from the shop before (new customers). First-order + repeat = purchasers.',
  },
  def_repeat: { zh: '所选时间内成交、而且在这之前也在本店成交过的人（老客）。', en: 'Buyers in the period who had bought from the shop before it (returning customers).' },
  def_highPotential: {
    zh: '所选时间内有互动但还没成交、按本店过去的成交规律估计未来7天购买可能不低于30%的人。这是本店自己的估计，不是罗盘的高潜数。',
    en: 'People who did something with the shop in the period but have not bought, and who — judging by how this shop’s customers bought before — have at least a 30% chance of buying in the next 7 days. The shop’s own estimate, not 罗盘’s figure.',
  },
  // ——— 客户概况与三大通路 (SPEC §4) ———
  def_newVisitors: {
    zh: '所选时间内第一次来访时，过去365天里和店铺没有任何往来的人。',
    en: 'People who, on their first visit in the period, had had nothing to do with the shop in the 365 days before.',
  },
  def_unpurchasedReturning: {
    zh: '所选时间内第一次来访时，过去365天里来过但没买过的人。',
    en: 'People who, on their first visit in the period, had come before in the previous 365 days but had not bought.',
  },
  def_purchasedReturning: {
    zh: '所选时间内第一次来访时，过去365天里在本店买过的人。',
    en: 'People who, on their first visit in the period, had bought from the shop in the previous 365 days.',
  },
  def_pathwayNewVisitor: { zh: '新访客户中，来访当天就下单付款的比例。', en: 'The share of new visitors who paid for an order on the day they came.' },
  def_pathwayUnpurchased: {
    zh: '所选时间开始前365天里来过没买的人（未购资产）中，这段时间又回来（召回）并成交的比例 = 召回率 × 支付转化率。',
    en: 'Of the people who came but did not buy in the 365 days before the period (not-bought assets), the share who came back in it and bought = recall rate × pay conversion.',
  },
  def_pathwayRepurchase: {
    zh: '所选时间开始前365天里买过的人（已购资产）中，这段时间又回来并再次成交的比例 = 召回率 × 支付转化率。',
    en: 'Of the people who bought in the 365 days before the period (bought assets), the share who came back in it and bought again = recall rate × pay conversion.',
  },
  // ——— 店铺客户资产 (SPEC §4) ———
  def_relationship: { zh: '截至所选时间最后一天，本店认识的人里的粉丝和会员。', en: 'Fans and members among everyone the shop knows, as of the last day shown.' },
  def_active: { zh: '截至所选时间最后一天的近90天里和店铺有过互动的人。', en: 'People who did something with the shop in the 90 days up to the last day shown.' },
  def_dormant: {
    zh: '本店认识、但截至所选时间最后一天已有90天没来过的人，可以召回。',
    en: 'People the shop knows who have not come for 90 days up to the last day shown — worth recalling.',
  },
  // ——— 成交指标 (SPEC §5.1) ———
  def_gmv: { zh: '所选时间内付款订单的实付金额合计。', en: 'The amount paid for all orders paid in the period.' },
  def_orders: { zh: '所选时间内付款的订单数。', en: 'Orders paid in the period.' },
  def_buyers: { zh: '所选时间内付款的人数，一人多单只算一次。', en: 'People who paid in the period; several orders by one person count once.' },
  def_aov: { zh: '成交金额 ÷ 成交人数：平均每位买家花了多少钱。', en: 'Sales ÷ buyers: what an average buyer spent.' },
  def_channelGmv: { zh: '成交金额按下单来源分：直播、短视频、商品卡、其他。', en: 'Sales split by where the order came from: live, short video, product card, other.' },
  def_traffic: {
    zh: '付费流量和自然流量各带来多少成交人数和成交金额；一人可同时计入多个来源。',
    en: 'How many buyers and how much of the sales paid and organic traffic brought; one buyer can count under several sources.',
  },
  def_fanGmvShare: { zh: '粉丝付款的金额占成交金额的比例（按最近一次看到的粉丝身份）。', en: 'The share of sales paid by fans (fan status as last seen).' },
  def_priceBands: { zh: '订单按实付金额分档计数：0–50、50–100、100–200、200–500、500元以上。', en: 'Orders counted by amount paid: 0–50, 50–100, 100–200, 200–500, 500 yuan and up.' },
  def_dailyGmv: { zh: '所选时间内每天的成交金额，与上一周期同样位置的一天对比。', en: 'Sales of each day in the period, next to the same day of the previous period.' },
  // ——— 八大客户类型 (SPEC §5.2) ———
  def_rfm: {
    zh: '按截至所选时间最后一天、近365天的付款订单给买家分类：最近一次购买距今多少天（R）、买了几次（F）、花了多少钱（M），各自不差于平均值就算“高”。',
    en: 'Buyers of the 365 days up to the last day shown, classed by how recently they last bought (R), how often (F) and how much they spent (M); at least as good as the average counts as “high”.',
  },
  // ——— 高潜分数 (SPEC §5.3) ———
  def_score: {
    zh: '这个人未来7天在本店购买的可能性，根据本店过去的顾客在类似情况下是否购买估算。标签说明了哪些行为让可能性变高（↑）或变低（↓）。',
    en: 'How likely this person is to buy from the shop in the next 7 days, estimated from whether the shop’s past customers in a similar situation did. The chips say what raised (↑) or lowered (↓) it.',
  },
} as const;
