/**
 * Side panel and popup texts: error boundaries, the 人群 export buttons, texts moved out of the
 * components (issue 12 "every user-facing string in the one catalogue"). Spread into `messages`.
 */
export const panelMessages = {
  // ——— error boundaries (components/panel/ViewBoundary.tsx) ———
  viewFailed: { zh: '这个视图出错了，其他视图不受影响。', en: 'This view failed; the other views still work.' },
  viewFailedDetail: { zh: '错误信息', en: 'Error' },
  retry: { zh: '重试', en: 'Retry' },
  backToOverview: { zh: '返回概览', en: 'Back to overview' },
  appFailed: { zh: '界面出错了。数据没有受影响，可以重新加载。', en: 'The page failed. Your data is unaffected; reload to continue.' },
  reload: { zh: '重新加载', en: 'Reload' },
  // ——— 人群 builder (components/panel/audience) ———
  // The example keeps the operators 交 / 并 / 差: they are the expression's syntax in both languages.
  expressionPlaceholder: {
    zh: '(tier:firstOrder 并 tier:repeat) 交 attr:fan 差 rfm:generalRetain',
    en: '(tier:firstOrder 并 tier:repeat) 交 attr:fan 差 rfm:generalRetain',
  },
  listSeparator: { zh: '、', en: ', ' },
  labelSeparator: { zh: '：', en: ': ' },
  // ——— the engine worker's progress lines (sent as keys, shown by the Dashboard through t()) ———
  progress_forward: { zh: '更新快照…', en: 'Updating the snapshot…' },
  progress_read: { zh: '读取数据…', en: 'Reading data…' },
  progress_build: { zh: '构建快照…', en: 'Building the snapshot…' },
  progress_metrics: { zh: '计算指标…', en: 'Computing metrics…' },
  progress_fitModel: { zh: '拟合高潜模型…', en: 'Fitting the high-potential model…' },
  progress_lists: { zh: '整理榜单…', en: 'Ranking the lists…' },
  progress_export: { zh: '导出中…', en: 'Exporting…' },
  // ——— cards: periods, changes, definitions, members (issue 13 items 3 and 7; components/panel/MetricCard.tsx) ———
  change_flat: { zh: '持平', en: 'no change' },
  change_points: { zh: '个百分点', en: 'pts' },
  period_lastDays: { zh: '近{n}天', en: 'Last {n} days' },
  period_asOf: { zh: '截至 {day}', en: 'as of {day}' },
  period_last365: { zh: '近365天成交', en: 'bought in the last 365 days' },
  card_vsPrevious: { zh: '较上周期', en: 'vs previous' },
  card_previousRate: { zh: '上周期', en: 'previous' },
  card_definition: { zh: '指标说明', en: 'What this means' },
  card_openMembers: { zh: '查看名单', en: 'See the list' },
  card_raises: { zh: '让购买可能变高', en: 'raises the chance of buying' },
  card_lowers: { zh: '让购买可能变低', en: 'lowers the chance of buying' },
  // ——— console pages by adapter id (DataView: the page's name, never its id) ———
  page_douyinOrders: { zh: '抖店 订单管理', en: '抖店 Orders' },
  page_sycmVisitors: { zh: '生意参谋 访客分析', en: '生意参谋 Visitors' },
  page_compassUserAsset: { zh: '罗盘 用户资产', en: '罗盘 User assets' },
  page_sycmCustomer: { zh: '生意参谋 客户概况', en: '生意参谋 Customer overview' },
  page_qianniuSold: { zh: '千牛 已卖出的宝贝', en: '千牛 Sold items' },
  page_crmCustomers: { zh: '客户运营平台 客户列表', en: 'CRM customer list' },
  page_generic: { zh: '其他后台表格', en: 'Other console table' },
  page_unknown: { zh: '其他页面', en: 'Other page' },
  // ——— platform figures (罗盘 / 生意参谋 cards) by metric, for the 数据 history legends ———
  snap_visitors: { zh: '访客数', en: 'Visitors' },
  snap_payingBuyers: { zh: '支付买家数', en: 'Paying buyers' },
  snap_newBuyers: { zh: '支付新买家数', en: 'New paying buyers' },
  snap_returningBuyers: { zh: '支付老买家数', en: 'Returning paying buyers' },
  snap_payConversion: { zh: '支付转化率', en: 'Pay conversion' },
  snap_aov: { zh: '客单价', en: 'Average order value' },
  snap_gmv: { zh: '支付金额', en: 'Sales' },
  snap_repurchaseRate: { zh: '复购率', en: 'Repurchase rate' },
  snap_shopCustomers: { zh: '店铺客户数', en: 'Shop customers' },
  snap_buyers: { zh: '成交客户数', en: 'buyers' },
  snap_nonBuyers: { zh: '未成交客户数', en: 'non-buyers' },
  snap_peerTop: { zh: '同行同层优秀', en: 'top peers' },
  snap_other: { zh: '其他指标', en: 'Other figure' },
  // ——— 高潜 model, in plain words ———
  potential_modelShop: { zh: '按本店过去 {n} 个顾客的购买情况估算', en: 'Estimated from how {n} of the shop’s past customers bought' },
  potential_modelRule: { zh: '本店历史还不够，按固定规则估算（最近加购、互动、粉丝、买过几次）', en: 'Too little history yet: estimated by a fixed rule (recent cart adds, visits, fan, past purchases)' },
  potential_cutoff: { zh: '列出未来7天购买可能 ≥ 30% 的人', en: 'Listed: people with a 30% or higher chance of buying in the next 7 days' },
  // ——— export-format registry labels (lib/export/formats) ———
  format_csv: { zh: 'CSV', en: 'CSV' },
  format_xlsx: { zh: 'XLSX', en: 'XLSX' },
} as const;
