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
} as const;
