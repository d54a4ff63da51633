/**
 * Capture texts (capture helper's block): why the background refuses a batch for where it came
 * from, and why it could not store one. Spread into `messages`.
 */
export const captureMessages = {
  'capture.senderUnknown': { zh: '无法确认数据来自哪个网页', en: 'the page that sent the rows is unknown' },
  'capture.senderPlatform': { zh: '店铺所属平台与当前后台网站不符', en: 'the shop belongs to another platform than this console' },
  'capture.senderNotConsole': { zh: '此网页不是卖家后台，且未从弹窗启动「采集此页表格」', en: 'this page is no seller console and the table capture was not started from the popup' },
  'capture.senderSite': { zh: '店铺与此网站不符', en: 'the shop does not belong to this site' },
  // Why a batch was not stored (the background's answer, shown by the overlay as 未保存).
  'capture.saveFailed': { zh: '保存失败', en: 'not stored' },
  'capture.saveFailedBecause': { zh: '保存失败：{detail}', en: 'not stored: {detail}' },
} as const;
