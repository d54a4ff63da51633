/**
 * Texts of the capture overlay on console pages (components/overlay/CaptureOverlay.tsx). The overlay
 * shows zh-CN (some lines carry their English in parentheses, as before). Spread into `messages`.
 */
export const overlayMessages = {
  overlay_captured: { zh: '已采集 {n}', en: 'Captured {n}' },
  overlay_rejected: { zh: '· {n} 行无法读取', en: '· {n} rows could not be read' },
  overlay_anonymous: { zh: '· {n} 位未登录访客（不记录）', en: '· {n} visitors not logged in (not recorded)' },
  overlay_captureAll: { zh: '采集全部分页', en: 'Capture all pages' },
  overlay_captureNowTitle: { zh: '采集本页（含虚拟滚动列表的全部行）', en: 'Capture this page (every row of a virtual list too)' },
  overlay_captureNow: { zh: '采集本页', en: 'Capture this page' },
  overlay_mapping: { zh: '列映射', en: 'Columns' },
  overlay_mappingReview: { zh: '列映射（{n} 列待确认）', en: 'Columns ({n} to confirm)' },
  overlay_picking: { zh: '点击页面上的表格…', en: 'Click a table on the page…' },
  overlay_pickTable: { zh: '选择表格', en: 'Pick a table' },
  overlay_allTablesTitle: { zh: '采集页面上的全部表格', en: 'Capture every table on the page' },
  overlay_allTables: { zh: '全部表格', en: 'All tables' },
  overlay_stop: { zh: '停止', en: 'Stop' },
  overlay_diagnosticsTitle: { zh: '保存本页结构的诊断文件（不含任何单元格内容）', en: "Save a diagnostic file of this page's structure (no cell contents)" },
  overlay_diagnostics: { zh: '导出诊断', en: 'Diagnostics' },
  overlay_unsaved: { zh: '未保存 {n} 行：{reason}', en: '{n} rows not stored: {reason}' },
  overlay_unsavedRetrying: { zh: '（已尝试 {n} 次，稍后自动重试） (not stored yet, retrying)', en: ' (tried {n} times, retrying later)' },
  overlay_unsavedRefused: { zh: '（不会自动重试） (refused, not retried)', en: ' (refused, not retried)' },
  overlay_giveUp: { zh: '放弃', en: 'Give up' },
  overlay_reasonsRejected: { zh: '{n} 行无法读取 · 查看原因', en: '{n} rows could not be read · why' },
  overlay_reasonsAnonymous: { zh: '{n} 位未登录访客 · 查看', en: '{n} visitors not logged in · see' },
  overlay_reasonRow: { zh: '第 {row} 行：{reason}', en: 'Row {row}: {reason}' },
  overlay_shopTitle: { zh: '页面上没有显示店铺，请选择或输入本页所属的店铺 (which shop is this page?)', en: 'The page shows no shop: pick or type the shop this page belongs to' },
  overlay_shopPick: { zh: '选择已有店铺…', en: 'Pick a known shop…' },
  overlay_shopName: { zh: '店铺名称 (shop name)', en: 'Shop name' },
  overlay_ok: { zh: '确定', en: 'OK' },
} as const;
