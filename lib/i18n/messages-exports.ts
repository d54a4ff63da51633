/**
 * Texts of honest exports (issue 13 item 6): identifier counts before an export, the masked-phone
 * and other warnings (lib/export/identifiers.ts), where each file is uploaded, the control group's
 * explanation and the conversion report's verdict (lib/audience/conversion.ts liftVerdict).
 * `{name}` placeholders are filled by lib/i18n/text.ts textOf. Spread into `messages`.
 */
export const exportsMessages = {
  /** The catalogue's language code (lets a component given only `t` fill { zh, en } texts). */
  exports_lang: { zh: 'zh', en: 'en' },
  // ——— identifier counts (ExportPanel) ———
  exports_countsTitle: { zh: '这批人可用的标识', en: 'Identifiers these members carry' },
  exports_countMembers: { zh: '共 {n} 人', en: '{n} members' },
  exports_countFullPhone: { zh: '完整手机号 {n}', en: 'full phone {n}' },
  exports_countMasked: { zh: '仅脱敏手机号 {n}', en: 'masked phone only {n}' },
  exports_countNoPhone: { zh: '无手机号 {n}', en: 'no phone {n}' },
  exports_countNick: { zh: '昵称 {n}', en: 'nickname {n}' },
  exports_countBuyerId: { zh: '买家ID {n}', en: 'buyer id {n}' },
  exports_countOrders: { zh: '待发货订单号 {orders}（{n} 人）', en: 'order numbers waiting to ship {orders} ({n} members)' },
  exports_countsPending: { zh: '正在统计可用标识…', en: 'Counting identifiers…' },

  // ——— notes before an export (lib/export/identifiers.ts) ———
  exports_noFullPhoneMasked: {
    zh: '0 位有可用手机号；抖店手机号均为脱敏（{masked} 人只有 138****1234 这样的号码），无法用于{preset}人群包',
    en: "0 members have a usable phone: Douyin shows buyers' phones masked ({masked} have only a number like 138****1234), so none can go into a {presetEn} audience",
  },
  exports_noFullPhone: {
    zh: '0 位有完整手机号（{masked} 人只有脱敏号码），无法生成{preset}人群包',
    en: '0 members have a full phone ({masked} have only a masked one): no {presetEn} audience file can be made',
  },
  exports_someMasked: { zh: '{masked} 人只有脱敏手机号，不会导出', en: '{masked} members have only a masked phone and are left out' },
  exports_noIdentifier: { zh: '0 位有可用的{id}，无法生成文件', en: '0 members have a usable {idEn}: no file can be made' },
  exports_taobaoOnly: { zh: '{id}仅适用于淘宝店铺的客户', en: "{idEn} is only for a Taobao shop's customers" },
  exports_smallAudience: { zh: '可用 {n} 人，少于 {min}，平台可能无法投放', en: 'only {n} usable, under {min}: the platform may not deliver to so small an audience' },
  exports_smsNoPhone: {
    zh: '0 位有完整手机号（{masked} 人只有脱敏号码）：这份名单不能直接用于短信群发',
    en: '0 members have a full phone ({masked} have only a masked one): this list cannot be used for SMS as it is',
  },
  exports_smsSomePhones: { zh: '{n} / {members} 人有完整手机号，可用于短信', en: '{n} of {members} members have a full phone usable for SMS' },
  exports_crmNothing: { zh: '这些人没有待发货订单，运营计划没有订单号可导入', en: 'these members have no order waiting to ship: the plan has no order number to import' },

  // ——— buttons that say what will happen ———
  exports_dmpButton: { zh: '导出 {n} 个{id}', en: 'Export {n} × {idEn}' },
  exports_dmpButtonNone: { zh: '没有可用{id}，不会生成文件', en: 'No usable {idEn}: nothing to export' },
  exports_crmButton: { zh: '导出 {n} 个待发货订单号', en: 'Export {n} order numbers' },
  exports_crmButtonNone: { zh: '没有待发货订单号可导出', en: 'No order number to export' },

  // ——— where each file goes ———
  exports_uploadTo: { zh: '上传到：', en: 'Upload at: ' },
  exports_crmUpload: { zh: '抖店 CRM 运营计划（延迟发货协商 / 缺货提醒）→ 导入订单号', en: 'Douyin shop CRM plans (延迟发货协商 / 缺货提醒) → import order numbers' },
  exports_listUse: {
    zh: 'CSV / Excel：客户名单，可用于短信或客服；打开时订单号、买家ID 保留全部数字',
    en: 'CSV / Excel: the member list, for SMS or customer service; order numbers and buyer ids keep every digit when opened',
  },

  // ——— control group (§6.4) ———
  exports_controlLabel: { zh: '留出对照组', en: 'Hold out a control group of' },
  exports_controlExplain: {
    zh: '对照组：随机留出一部分人不导出、不触达，之后比较两组的成交，才知道这次触达多带来了多少转化（默认不留；人数太少时无法判断）。',
    en: 'Control group: a random share is left out of the file and not contacted; comparing their purchases later shows what the campaign really added (off by default; too few people cannot tell).',
  },

  // ——— conversion report verdict (Conversion.tsx) ———
  exports_verdictTitle: { zh: '触达效果', en: 'Effect of the campaign' },
  exports_verdictMore: { zh: '比对照组多转化 {pp} 个百分点（导出名单 {m}，对照组 {c}）', en: '{pp} percentage points more converted than the control ({m} vs {c})' },
  exports_verdictLess: { zh: '比对照组少转化 {pp} 个百分点（导出名单 {m}，对照组 {c}）', en: '{pp} percentage points fewer converted than the control ({m} vs {c})' },
  exports_verdictSame: { zh: '与对照组转化相同（{m}）', en: 'Converted the same as the control ({m})' },
  exports_verdictNoControl: { zh: '这次导出没有留对照组，无法判断触达带来的提升', en: 'No control group was held out: the effect cannot be told' },
  exports_verdictSmallControl: {
    zh: '对照组太小（{n} 人），无法判断提升（至少需要 {min} 人）',
    en: 'The control group is too small ({n} people) to tell an effect (at least {min} needed)',
  },
  exports_verdictNoBuyers: { zh: '两组都还没有人成交，暂时无法判断提升', en: 'Nobody in either group has bought yet: too early to tell' },
} as const;
