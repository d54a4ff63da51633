/**
 * DMP identifier files (SPEC §7): one identifier per line in a `.txt` (LF between lines, no header,
 * no trailing empty line), zipped when the preset wants it, split into parts under the preset's
 * size limit.
 *
 * Phones: only full numbers — normalised to the bare 11 digits (`^1\d{10}$` after removing spaces,
 * dashes and a leading +86 / 0086) — are hashed, as lowercase hex MD5 (32) or SHA-256 (64) of
 * those 11 ASCII digits. A masked number (138****1234) is never hashed: that member counts as
 * having no usable identifier. 淘宝昵称 / 淘宝ID only for a Taobao shop's customers (达摩盘);
 * a masked nickname (with `*`) is not exported. Identical identifiers are written once.
 */
import { zipSync } from 'fflate';
import { createMD5, createSHA256, type IHasher } from 'hash-wasm';
import { normalizeFullPhone } from '../engine/phone';
import type { Customer, Platform } from '../model';
import { textOf } from '../i18n/text';
import { exportFileName } from './download-names';
import { DEFAULT_MIN_AUDIENCE, DMP_IDENTIFIER_LABELS, DMP_PRESETS, type DmpIdentifier, type DmpPresetId } from './dmp-presets';

/** A member as a DMP export reads it (a customer record, or only a key). */
export type DmpMember = Pick<Customer, 'customerKey'> & Partial<Pick<Customer, 'phone' | 'nickname' | 'buyerId'>>;

export interface DmpOptions {
  preset: DmpPresetId;
  /** Default: the preset's first (preferred) identifier. */
  identifier?: DmpIdentifier;
  shopId: string;
  /** The shop's platform; 淘宝昵称 / 淘宝ID are refused for a non-Taobao shop. */
  platform: Platform;
  /** Audience name, for the file name. */
  audienceName: string;
  /** Override of the preset's per-file byte limit (tests use a tiny one). */
  maxBytes?: number;
  /** Warn below this many exported identifiers (default 10,000). */
  minAudience?: number;
  /** Export time, for the file name's date (default now). */
  at?: number | string | Date;
}

export interface DmpWarning {
  code: 'small-audience' | 'nothing-exported' | 'skipped-members';
  zh: string;
  en: string;
}

export interface DmpExport {
  files: { name: string; bytes: Uint8Array }[];
  /** Distinct identifiers written. */
  exported: number;
  /** Members without a usable identifier (no phone, masked phone, masked nickname …). */
  skippedNoIdentifier: number;
  /** Members whose identifier another member already had. */
  duplicates: number;
  warnings: DmpWarning[];
}

/** The member's nickname or buyer id, falling back to what the customerKey holds. */
function fromKey(m: DmpMember, kind: 'nick' | 'id'): string | undefined {
  const direct = kind === 'nick' ? m.nickname : m.buyerId;
  if (direct !== undefined && direct !== '') return direct;
  const k = /^[^:]+:.*?:(nick|id):([\s\S]*)$/.exec(m.customerKey);
  return k && k[1] === kind ? k[2] : undefined;
}

/** The raw (un-hashed) identifier of a member for `identifier`, or null when it has none usable. */
export function rawIdentifier(m: DmpMember, identifier: DmpIdentifier): string | null {
  switch (identifier) {
    case 'phone-md5':
    case 'phone-sha256':
      return m.phone === undefined ? null : normalizeFullPhone(m.phone);
    case 'taobao-nick': {
      const nick = fromKey(m, 'nick')?.trim();
      return nick && !nick.includes('*') && !/[\r\n]/.test(nick) ? nick : null;
    }
    case 'taobao-id': {
      const id = fromKey(m, 'id')?.trim();
      return id && !/[\r\n*]/.test(id) ? id : null;
    }
  }
}

/** Lowercase hex digests of `texts` (UTF-8) with one hasher instance (fast for 100k+ lines). */
export async function hashAll(texts: readonly string[], algo: 'md5' | 'sha256'): Promise<string[]> {
  const h: IHasher = algo === 'md5' ? await createMD5() : await createSHA256();
  return texts.map((t) => {
    h.init();
    h.update(t);
    return h.digest('hex');
  });
}

/** Splits lines into parts whose `\n`-joined UTF-8 size is at most `budget` bytes each. */
function splitLines(lines: readonly string[], budget: number): string[][] {
  const enc = new TextEncoder();
  const parts: string[][] = [];
  let cur: string[] = [], size = 0;
  for (const line of lines) {
    const b = enc.encode(line).length;
    if (b > budget) throw new RangeError(`one identifier (${b} bytes) does not fit the ${budget}-byte file limit`);
    const add = cur.length === 0 ? b : b + 1;
    if (cur.length > 0 && size + add > budget) {
      parts.push(cur);
      cur = [];
      size = b;
    } else size += add;
    cur.push(line);
  }
  if (cur.length > 0) parts.push(cur);
  return parts;
}

/** Builds the DMP upload file(s) of an audience for a platform preset (see the header for the rules). */
export async function exportDmp(members: readonly DmpMember[], opts: DmpOptions): Promise<DmpExport> {
  const preset = DMP_PRESETS[opts.preset];
  const identifier = opts.identifier ?? preset.identifiers[0]!;
  const id = DMP_IDENTIFIER_LABELS[identifier];
  const refuse = (m: { zh: string; en: string }) => new Error(`${m.en} (${m.zh})`);
  if (!preset.identifiers.includes(identifier))
    throw refuse(textOf('dmp_identifierRefused', { presetZh: preset.zh, presetEn: preset.en, idZh: id.zh, idEn: id.en }));
  if ((identifier === 'taobao-nick' || identifier === 'taobao-id') && opts.platform !== 'taobao')
    throw refuse(textOf('dmp_taobaoOnly', { idZh: id.zh, idEn: id.en }));

  const seen = new Set<string>();
  const raws: string[] = [];
  let skipped = 0, duplicates = 0;
  for (const m of members) {
    const raw = rawIdentifier(m, identifier);
    if (raw === null) {
      skipped++;
      continue;
    }
    if (seen.has(raw)) {
      duplicates++;
      continue;
    }
    seen.add(raw);
    raws.push(raw);
  }
  const lines =
    identifier === 'phone-md5' ? await hashAll(raws, 'md5') : identifier === 'phone-sha256' ? await hashAll(raws, 'sha256') : raws;

  const maxBytes = opts.maxBytes ?? preset.maxBytes;
  const label = `${preset.fileLabel}_${opts.audienceName}_${DMP_IDENTIFIER_LABELS[identifier].zh}`;
  const baseName = (part: number, parts: number, ext: string) =>
    exportFileName('dmp', opts.shopId, parts > 1 ? `${label}_part${part}of${parts}` : label, ext, opts.at);
  // A zip adds local + central headers (2 × name) and end record; keep the txt under the limit
  // minus that overhead so that the zip fits even if deflate cannot shrink it.
  const sampleName = new TextEncoder().encode(baseName(99, 99, 'txt')).length;
  const budget = preset.zip ? maxBytes - (200 + 2 * sampleName) : maxBytes;
  if (budget <= 0) throw new RangeError(`file limit of ${maxBytes} bytes is too small for a zip`);
  const parts = lines.length ? splitLines(lines, budget) : [];
  const enc = new TextEncoder();
  const files = parts.map((p, i) => {
    const txtName = baseName(i + 1, parts.length, 'txt');
    const txt = enc.encode(p.join('\n'));
    if (!preset.zip) return { name: txtName, bytes: txt };
    const bytes = zipSync({ [txtName]: [txt, { level: 9 }] }, { mtime: new Date('2000-01-01T00:00:00Z') });
    return { name: baseName(i + 1, parts.length, 'zip'), bytes };
  });

  const min = opts.minAudience ?? DEFAULT_MIN_AUDIENCE;
  const warnings: DmpWarning[] = [];
  if (lines.length === 0)
    warnings.push({ code: 'nothing-exported', ...textOf('dmp_nothingExported') });
  else if (lines.length < min)
    warnings.push({
      code: 'small-audience',
      ...textOf('dmp_smallAudience', { n: lines.length, min }),
    });
  if (skipped > 0)
    warnings.push({
      code: 'skipped-members',
      ...textOf('dmp_skippedMembers', { n: skipped }),
    });
  return { files, exported: lines.length, skippedNoIdentifier: skipped, duplicates, warnings };
}
