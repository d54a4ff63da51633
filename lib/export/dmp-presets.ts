/**
 * DMP upload presets (SPEC §7): which identifiers each ad platform takes, in which file.
 *
 * Limits are what the platforms document as we understand them; each is configurable per export
 * (`DmpOptions.maxBytes`) because the consoles change them. SHA-256 is the default wherever a
 * platform takes it (SPEC §7: "SHA-256 preferred where accepted"); MD5 stays available.
 * - 巨量千川 / 巨量云图 人群包: 手机号 MD5 or SHA-256, a .txt (one per line) inside a .zip, at
 *   most 25 MB a file — bigger audiences go in several parts.
 * - 达摩盘 via Quick Audience (阿里云 QA 人群上传): 手机号 MD5 / SHA-256, or 淘宝昵称 / 淘宝ID (only
 *   for a Taobao shop's own customers); a plain .txt.
 * - 腾讯广告 DMP 客户文件人群: HASH_MOBILE_PHONE (MD5 of the 11 digits) or its SHA-256 form, a .txt
 *   or a .zip of it; we zip (smaller uploads).
 */

/** An identifier a DMP file can carry. */
export type DmpIdentifier = 'phone-sha256' | 'phone-md5' | 'taobao-nick' | 'taobao-id';

export const DMP_IDENTIFIER_LABELS: Record<DmpIdentifier, { zh: string; en: string }> = {
  'phone-sha256': { zh: '手机号 SHA-256', en: 'Phone, SHA-256' },
  'phone-md5': { zh: '手机号 MD5', en: 'Phone, MD5' },
  'taobao-nick': { zh: '淘宝昵称', en: 'Taobao nickname' },
  'taobao-id': { zh: '淘宝ID', en: 'Taobao buyer id' },
};

export type DmpPresetId = 'qianchuan' | 'damopan' | 'tencent';

export interface DmpPreset {
  id: DmpPresetId;
  zh: string;
  en: string;
  /** Short name used in file names. */
  fileLabel: string;
  /** Identifiers the platform accepts, the default first. */
  identifiers: readonly DmpIdentifier[];
  /** Wrap each .txt in a .zip (fflate). */
  zip: boolean;
  /** Most bytes of one uploaded file (the .zip when zipped). */
  maxBytes: number;
  /** Where the merchant uploads it. */
  uploadHint: { zh: string; en: string };
}

const MB = 1024 * 1024;

export const DMP_PRESETS: Record<DmpPresetId, DmpPreset> = {
  qianchuan: {
    id: 'qianchuan',
    zh: '巨量千川 / 云图',
    en: 'Ocean Engine Qianchuan / Yuntu',
    fileLabel: '巨量千川',
    identifiers: ['phone-sha256', 'phone-md5'],
    zip: true,
    maxBytes: 25 * MB,
    uploadHint: { zh: '千川：资产 → 人群管理 → 上传人群包（zip 内为 txt，每行一个）', en: 'Qianchuan: Assets → Audiences → upload audience package (zip of txt, one per line)' },
  },
  damopan: {
    id: 'damopan',
    zh: '达摩盘（Quick Audience）',
    en: 'Damopan via Quick Audience',
    fileLabel: '达摩盘',
    identifiers: ['phone-sha256', 'phone-md5', 'taobao-nick', 'taobao-id'],
    zip: false,
    maxBytes: 100 * MB,
    uploadHint: { zh: 'Quick Audience：人群管理 → 上传人群（txt，每行一个）→ 推送达摩盘', en: 'Quick Audience: audiences → upload (txt, one per line) → push to Damopan' },
  },
  tencent: {
    id: 'tencent',
    zh: '腾讯广告 DMP',
    en: 'Tencent Ads DMP',
    fileLabel: '腾讯广告',
    identifiers: ['phone-sha256', 'phone-md5'],
    zip: true,
    maxBytes: 100 * MB,
    uploadHint: { zh: '腾讯广告：工具箱 → 人群管理 → 客户文件人群（zip 内为 txt，每行一个）', en: 'Tencent Ads: Tools → Audiences → customer file audience (zip of txt, one per line)' },
  },
};

/** Default "too small to deliver" threshold (SPEC §7). */
export const DEFAULT_MIN_AUDIENCE = 10_000;
