/**
 * What an export can actually reach (issue 13 item 6): before a DMP, SMS or CRM export, how many
 * members carry each identifier, and what the chosen export will do with them.
 *
 * Identifiers (the same rules the files use, lib/export/dmp.ts rawIdentifier):
 * - full phone: a number normalizeFullPhone accepts (11 digits, +86 / 0086 stripped);
 * - masked phone only: a phone is known but masked (138****1234) — 抖店 shows buyers' phones
 *   masked, so a 抖店 shop's customers usually have no full phone at all;
 * - nickname / buyer id: unmasked (a nickname with `*` is masked), from the record or the key;
 * - order numbers (CRM): the member's paid orders not yet shipped (status `paid`), which is what
 *   抖店 CRM 运营计划 (延迟发货协商 / 缺货提醒) takes.
 */
import type { MessageKey } from '../i18n/messages';
import type { Order, Platform } from '../model';
import { rawIdentifier, type DmpMember } from './dmp';
import { DEFAULT_MIN_AUDIENCE, DMP_IDENTIFIER_LABELS, DMP_PRESETS, type DmpIdentifier, type DmpPresetId } from './dmp-presets';

/** How many members carry each identifier. */
export interface IdentifierCounts {
  platform: Platform;
  members: number;
  fullPhone: number;
  /** A phone is known but only masked. */
  maskedPhoneOnly: number;
  /** No phone at all. */
  noPhone: number;
  nickname: number;
  buyerId: number;
  /** Members with at least one order waiting to ship, and how many such orders they have. */
  membersWithOrdersToShip: number;
  ordersToShip: number;
}

/** Orders waiting to ship (paid, status `paid`) of the shop, per customerKey. */
export function ordersToShipByCustomer(orders: readonly Order[], shopId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of orders) if (o.shopId === shopId && o.status === 'paid') out.set(o.customerKey, (out.get(o.customerKey) ?? 0) + 1);
  return out;
}

/** The identifier counts of `members` (see the header for the rules). */
export function identifierCounts(members: Iterable<DmpMember>, platform: Platform, toShip: ReadonlyMap<string, number> = new Map()): IdentifierCounts {
  const c: IdentifierCounts = { platform, members: 0, fullPhone: 0, maskedPhoneOnly: 0, noPhone: 0, nickname: 0, buyerId: 0, membersWithOrdersToShip: 0, ordersToShip: 0 };
  for (const m of members) {
    c.members++;
    if (rawIdentifier(m, 'phone-sha256') !== null) c.fullPhone++;
    else if (m.phone !== undefined && m.phone.trim() !== '') c.maskedPhoneOnly++;
    else c.noPhone++;
    if (rawIdentifier(m, 'taobao-nick') !== null) c.nickname++;
    if (rawIdentifier(m, 'taobao-id') !== null) c.buyerId++;
    const n = toShip.get(m.customerKey) ?? 0;
    if (n > 0) {
      c.membersWithOrdersToShip++;
      c.ordersToShip += n;
    }
  }
  return c;
}

/** A note before an export: its catalogue key and the numbers it names. */
export interface ExportNote {
  key: Extract<MessageKey, `exports_${string}`>;
  vars: Record<string, number | string>;
}

/** What a DMP export of these members will do: identifiers written, members left out, notes. */
export interface DmpReadiness {
  /** Members whose identifier is usable (before removing duplicates). */
  usable: number;
  /** Members left out: no usable identifier. */
  leftOut: number;
  notes: ExportNote[];
}

/** The DMP export's outcome before it runs (a masked-only audience → 0 usable with the reason). */
export function dmpReadiness(c: IdentifierCounts, preset: DmpPresetId, identifier: DmpIdentifier, minAudience = DEFAULT_MIN_AUDIENCE): DmpReadiness {
  const p = DMP_PRESETS[preset];
  const names = { preset: p.zh, presetEn: p.en, id: DMP_IDENTIFIER_LABELS[identifier].zh, idEn: DMP_IDENTIFIER_LABELS[identifier].en };
  const isPhone = identifier === 'phone-md5' || identifier === 'phone-sha256';
  if (!isPhone && c.platform !== 'taobao') return { usable: 0, leftOut: c.members, notes: [{ key: 'exports_taobaoOnly', vars: names }] };
  const usable = isPhone ? c.fullPhone : identifier === 'taobao-nick' ? c.nickname : c.buyerId;
  const notes: ExportNote[] = [];
  if (usable === 0 && c.members > 0) {
    if (isPhone && c.maskedPhoneOnly > 0) notes.push({ key: c.platform === 'douyin' ? 'exports_noFullPhoneMasked' : 'exports_noFullPhone', vars: { ...names, masked: c.maskedPhoneOnly } });
    else notes.push({ key: isPhone ? 'exports_noFullPhone' : 'exports_noIdentifier', vars: { ...names, masked: c.maskedPhoneOnly } });
  } else {
    if (isPhone && c.maskedPhoneOnly > 0) notes.push({ key: 'exports_someMasked', vars: { masked: c.maskedPhoneOnly } });
    if (usable > 0 && usable < minAudience) notes.push({ key: 'exports_smallAudience', vars: { n: usable, min: minAudience } });
  }
  return { usable, leftOut: c.members - usable, notes };
}

/** Notes before a member list (CSV / XLSX) used for SMS: how many full phones it holds. */
export function smsNotes(c: IdentifierCounts): ExportNote[] {
  if (c.members === 0) return [];
  if (c.fullPhone === 0) return [{ key: 'exports_smsNoPhone', vars: { masked: c.maskedPhoneOnly } }];
  return [{ key: 'exports_smsSomePhones', vars: { n: c.fullPhone, members: c.members } }];
}

/** Notes before a 抖店 CRM plan: nothing to import when no member has an order waiting to ship. */
export function crmNotes(c: IdentifierCounts): ExportNote[] {
  return c.members > 0 && c.ordersToShip === 0 ? [{ key: 'exports_crmNothing', vars: {} }] : [];
}
