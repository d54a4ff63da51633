/**
 * The member list behind a drillable number (issue 13 item 4): the 人群 预览's rows (./preview.ts:
 * 最近购买, 购买次数 and 金额 over the lookback, most recent buyers first — one definition for both
 * lists) for every member, with what a merchant needs to recognise and reach them: 昵称, buyer id
 * and phone as the console showed them, 省市. Searchable by nickname, id or phone.
 */
import type { DayWindow, Snapshot } from '../engine';
import { fromCustomerKey, type Customer } from '../model';
import { memberPreview, type PreviewRow } from './preview';

/** One member as the list shows it. */
export interface MemberRow extends PreviewRow {
  buyerId?: string;
  /** As captured (a masked number stays masked). */
  phone?: string;
  /** 省 and 市 as the console wrote them, one when they are the same (北京市). */
  region?: string;
}

type MemberRecord = Pick<Customer, 'nickname' | 'buyerId' | 'phone' | 'province' | 'city'>;

/** 省 and 市 of a record as one text. */
function regionOf(r: MemberRecord | undefined): string | undefined {
  const p = r?.province?.trim(), c = r?.city?.trim();
  if (p && c) return p === c ? p : `${p} ${c}`;
  return p || c || undefined;
}

/** Every member (snapshot customer indexes) as a row, in the 预览's order; a member without a record is named from its key. */
export function memberRows(snap: Snapshot, records: ReadonlyMap<string, MemberRecord>, members: ArrayLike<number>, window: DayWindow): MemberRow[] {
  const rows: MemberRow[] = memberPreview(snap, window, members, records, members.length);
  // In place (a list may hold 100k members): the key is read back only for members without a record.
  for (const row of rows) {
    const r = records.get(row.customerKey);
    const buyerId = r ? r.buyerId : fromCustomerKey(row.customerKey, 'id');
    if (row.nickname === null && !r) row.nickname = fromCustomerKey(row.customerKey, 'nick') ?? null;
    if (buyerId) row.buyerId = buyerId;
    if (r?.phone) row.phone = r.phone;
    const region = regionOf(r);
    if (region) row.region = region;
  }
  return rows;
}

/** The text a search looks in: nickname, buyer id and phone as shown, lower-cased (worked out once per list, then each search is one scan). */
export function memberSearchText(row: MemberRow): string {
  return [row.nickname ?? '', row.buyerId ?? '', row.phone ?? ''].join('\n').toLowerCase();
}

/** True when the merchant's search text is part of the member's nickname, buyer id or phone as shown (letters in any case). */
export function memberMatches(row: MemberRow, query: string, text = memberSearchText(row)): boolean {
  const q = query.trim().toLowerCase();
  return !q || text.includes(q);
}
