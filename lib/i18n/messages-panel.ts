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
  // ——— export-format registry labels (lib/export/formats) ———
  format_csv: { zh: 'CSV', en: 'CSV' },
  format_xlsx: { zh: 'XLSX', en: 'XLSX' },
} as const;
