/**
 * Typed SPEC §2 records from a generic table whose mapping is confident (or confirmed): orders,
 * customers or visit contacts, one per row, with a reason for every row that cannot be read.
 */
import type { CustomerInput, OrderInput, Shop } from '../../model';
import { customerKeyOf } from '../../model/keys';
import {
  isEmptyMark,
  parseConsoleTime,
  parseFen,
  parseOrderStatus,
  parseQuantity,
  parseRegion,
  textOrUndefined,
} from '../normalize';
import type { ReadTable } from '../table';
import type { AdapterResult, ContactInput } from '../types';
import type { GenericField } from './fields';
import { fieldColumns, type ColumnMapping, type TableKind } from './mapping';

class RowError extends Error {}

const MUNICIPALITIES = new Set(['北京市', '上海市', '天津市', '重庆市', '北京', '上海', '天津', '重庆']);

function regionOf(get: (f: GenericField) => string): { province?: string; city?: string } {
  const province = textOrUndefined(get('province'));
  const city = textOrUndefined(get('city'));
  if (province || city) {
    if (province && !city && MUNICIPALITIES.has(province)) return { province, city: province };
    return { ...(province ? { province } : {}), ...(city ? { city } : {}) };
  }
  return parseRegion(get('region'));
}

function timeOf(text: string, what: string, capturedAt: string): string | undefined {
  const r = parseConsoleTime(text, capturedAt);
  if (!r.ok) throw new RowError(`${what}: ${r.reason}`);
  return r.value ?? undefined;
}

/** Fills `out` (orders / customers / contacts, rowOf, rejected) from `table` read as `kind`. Never throws. */
export function readRecords(out: AdapterResult, table: ReadTable, mapping: readonly ColumnMapping[], kind: TableKind, shop: Shop, capturedAt: string): void {
  if (kind === 'rows') return;
  const cols = fieldColumns(mapping);
  const seenOrders = new Map<string, number>();
  const customerAt = new Map<string, number>();
  const addCustomer = (c: CustomerInput, row: number) => {
    if (customerAt.has(c.customerKey)) return;
    customerAt.set(c.customerKey, row);
    out.customers.push(c);
    out.rowOf.customers.push(row);
  };
  table.rows.forEach((r, row) => {
    // An order's header line in a grouped table (its cells are read with the item rows' columns), or its closing remark row.
    if (r.groupHeader || r.remark) return;
    const get = (f: GenericField) => (cols[f] !== undefined ? r.cells[cols[f]!] ?? '' : '');
    try {
      const nickname = textOrUndefined(get('nickname'));
      const buyerId = textOrUndefined(get('buyerId'));
      if (!nickname && !buyerId) throw new RowError('missing 买家 (buyer nickname or id)');
      const customerKey = customerKeyOf(shop.platform, shop.shopId, { buyerId, nickname: nickname ?? '' });
      const base: CustomerInput = { customerKey, shopId: shop.shopId, nickname: nickname ?? '', ...(buyerId ? { buyerId } : {}) };
      if (kind === 'orders') {
        const orderId = get('orderId').split(' ')[0] ?? '';
        if (isEmptyMark(orderId)) throw new RowError('missing 订单号 (order id)');
        if (seenOrders.has(orderId)) throw new RowError(`订单号 ${orderId} shown twice (first at row ${seenOrders.get(orderId)})`);
        const paidAt = timeOf(get('paidAt'), '支付时间', capturedAt);
        const placedAt = timeOf(get('placedAt'), '下单时间', capturedAt) ?? paidAt;
        if (!placedAt) throw new RowError('missing 下单时间');
        const amount = parseFen(get('amountFen'));
        if (!amount.ok) throw new RowError(`金额: ${amount.reason}`);
        if (amount.value === null) throw new RowError('missing 金额');
        let status: OrderInput['status'];
        if (cols.status !== undefined) {
          const s = parseOrderStatus(get('status'));
          if (!s.ok) throw new RowError(s.reason);
          status = s.value;
        } else if (paidAt) status = 'paid'; // no status column: a payment time shows it was paid
        else throw new RowError('missing 订单状态 (no status column and no 支付时间)');
        const q = parseQuantity(get('quantity'));
        if (!q.ok) throw new RowError(`数量: ${q.reason}`);
        const productName = textOrUndefined(get('productName'));
        const phone = textOrUndefined(get('phone'));
        const order: OrderInput = {
          orderId,
          shopId: shop.shopId,
          customerKey,
          placedAt,
          ...(paidAt ? { paidAt } : {}),
          amountFen: amount.value,
          quantity: q.value ?? 1,
          ...(productName ? { productName, items: [{ productName, quantity: q.value ?? 1 }] } : { items: [] }),
          channel: 'other',
          traffic: 'unknown',
          status,
          // In an order list the phone and address are the shipment's (SPEC §2: recipient fields stay on the order).
          ...(phone ? { recipientPhone: phone } : {}),
          ...regionOf(get),
        };
        seenOrders.set(orderId, row);
        out.orders.push(order);
        out.rowOf.orders.push(row);
        addCustomer(base, row);
        return;
      }
      const region = regionOf(get);
      const phone = textOrUndefined(get('phone'));
      const gender = get('gender').trim();
      const level = textOrUndefined(get('memberLevel'));
      const customer: CustomerInput = {
        ...base,
        ...(phone ? { phone } : {}),
        ...region,
        ...(/^(女|f|female)$/i.test(gender) ? { gender: 'f' as const } : /^(男|m|male)$/i.test(gender) ? { gender: 'm' as const } : {}),
        ...(level ? (level === '非会员' ? { isMember: false } : { isMember: true, memberLevel: level }) : {}),
      };
      if (kind === 'contacts') {
        const at = timeOf(get('visitedAt'), '访问时间', capturedAt);
        if (!at) throw new RowError('missing 访问时间');
        const source = textOrUndefined(get('source'));
        const page = textOrUndefined(get('page'));
        const contact: ContactInput = { shopId: shop.shopId, customerKey, at, kind: 'visit', ...(source ? { source } : {}), ...(page ? { page } : {}), ...region };
        out.contacts.push(contact);
        out.rowOf.contacts.push(row);
      }
      addCustomer(customer, row);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      out.rejected.push({ row, reason: e.message });
    }
  });
}
