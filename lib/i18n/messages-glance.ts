/**
 * The daily glance and the panel's shell (the "glance" helper's block): 今日 / 昨日 presets,
 * 上次采集 x 小时前, the 概览 trend line, the popup, the 设置与数据 place and its footer bar.
 */
export const glanceMessages = {
  'glance.today': { zh: '今日', en: 'Today' },
  'glance.yesterday': { zh: '昨日', en: 'Yesterday' },
  'glance.noDataForWindow': { zh: '所选日期还没有采集到数据（最新数据日 {day}）', en: 'Nothing captured for these days yet (latest day with data: {day})' },
  'glance.lastCapture': { zh: '上次采集 {ago}', en: 'Last capture {ago}' },
  'glance.neverCaptured': { zh: '本店还没有采集记录', en: 'Nothing captured for this shop yet' },
  'glance.justNow': { zh: '刚刚', en: 'just now' },
  'glance.minutesAgo': { zh: '{n} 分钟前', en: '{n} min ago' },
  'glance.hoursAgo': { zh: '{n} 小时前', en: '{n} h ago' },
  'glance.daysAgo': { zh: '{n} 天前', en: '{n} days ago' },
  'glance.dismiss': { zh: '关闭', en: 'Dismiss' },
  'glance.backupShort': { zh: '备份', en: 'Back up' },
  'glance.restoreShort': { zh: '恢复', en: 'Restore' },
  'glance.reportShort': { zh: '导出报告', en: 'Report' },
  'glance.settings': { zh: '设置与数据', en: 'Settings & data' },
  'glance.settingsTab': { zh: '设置与数据', en: 'Settings' },
  'glance.deleteShopTitle': { zh: '删除本店', en: 'Delete this shop' },
  'glance.deleteShopNote': {
    zh: '删除本店在本浏览器中的全部订单、客户、采集、人群与导出记录，无法撤销；需要时先用底部栏的「备份」。',
    en: 'Deletes every order, customer, capture, audience and export record of this shop in this browser, for good; back up first from the bottom bar if needed.',
  },
  'glance.settingsNote': {
    zh: '报告、备份与恢复在底部栏（每个页面都在）；这里是报告工作簿、原始数据保留天数、清除客户与删除本店数据。',
    en: 'Report, backup and restore are in the bar at the bottom (on every page); here: the report workbook, how long raw data is kept, erasing a customer, deleting this shop.',
  },
  'glance.reportSection': { zh: '报告', en: 'Report' },
  'glance.reportNote': { zh: '当前店铺与时间窗口的全部数字：Excel 工作簿在这里，JSON 在底部栏「导出报告」。', en: 'Every figure of this shop and window: the Excel workbook here, JSON from “Report” in the bottom bar.' },
  'glance.retentionSection': { zh: '数据保留', en: 'Data retention' },
} as const;
