/**
 * 抖店's own order-list answer, `GET /api/order/searchlist` (CONSOLES.md §1.4), mapped to the records
 * the douyin-orders adapter reads from the DOM (SPEC §8): cents, epoch seconds → +08:00 ISO, ids as
 * strings; only what the list also shows (see the adapter's file comment). Kept apart from the
 * adapter so each file stays one job and under 400 lines.
 */
import type { CustomerInput, OrderInput, OrderItem, OrderStatus } from '../../model';
import { customerKeyOf } from '../../model/keys';
import { toShanghaiIso } from '../../model/time';
import { parseOrderStatus, textOrUndefined } from '../normalize';
import { customerOnce, rejectForNoShop, RowError } from '../read-kit';
import { emptyResult, type AdapterResult, type ObserveContext } from '../types';

/** The adapter id the mapped results carry (the douyin-orders adapter). */
export const DOUYIN_ORDERS_ID = 'douyin-orders';

/** order_status codes → status, used only when the status text is missing or unknown [K: unverified codes]. */
const STATUS_CODES: Record<number, OrderStatus> = { 1: 'unpaid', 2: 'paid', 3: 'shipped', 4: 'closed', 5: 'completed', 21: 'refunded', 22: 'refunded', 39: 'refunded' };

/** The rawRows grid of an observed searchlist answer (one row per order). */
const SEARCHLIST_HEADERS: readonly string[] = ['订单编号', '下单时间', '商品', '实付金额', '买家', '收件信息', '订单状态'];

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : '');
const nameOf = (x: unknown): string => (isRecord(x) ? str(x.name) : '');

/** A whole number of cents, or a RowError naming the field. */
function cents(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw new RowError(`${what}: not a whole number of cents (${JSON.stringify(x)})`);
  return x;
}

/** An id as a string: numbers beyond 2^53 have already lost digits and are refused. */
function idText(x: unknown, what: string): string {
  if (typeof x === 'string' && x.trim()) return x.trim();
  if (typeof x === 'number' && Number.isSafeInteger(x) && x > 0) return String(x);
  throw new RowError(typeof x === 'number' ? `${what} ${x} is a JSON number beyond 2^53 (digits lost)` : `missing ${what}`);
}

/** One searchlist order → the Order the list shows (see the file comment for what is left out). */
function mapSearchOrder(o: Record<string, unknown>, shopId: string): { order: OrderInput; customer: CustomerInput; raw: string[] } {
  const orderId = idText(o.shop_order_id, 'shop_order_id (订单编号)');
  const created = o.create_time;
  if (typeof created !== 'number' || !Number.isFinite(created) || created <= 0) throw new RowError(`create_time (下单时间): not epoch seconds (${JSON.stringify(created)})`);
  // Seconds, as 抖店 sends them; a millisecond value would land in the year 50000+.
  if (created > 1e11) throw new RowError(`create_time (下单时间) ${created} looks like milliseconds, not seconds`);
  const placedAt = toShanghaiIso(Math.round(created) * 1000);
  const amountFen = cents(o.pay_amount, 'pay_amount (实付金额)');
  const statusInfo = isRecord(o.order_status_info) ? str(o.order_status_info.order_status_text) : '';
  const byText = parseOrderStatus(statusInfo);
  const byCode = typeof o.order_status === 'number' ? STATUS_CODES[o.order_status] : undefined;
  const status = byText.ok ? byText.value : byCode;
  if (!status) throw new RowError(byText.ok ? 'unknown order_status' : `${byText.reason} (order_status ${JSON.stringify(o.order_status)})`);
  const nickname = textOrUndefined(str(o.user_nickname));
  if (!nickname) throw new RowError('missing user_nickname (买家)');
  if (!Array.isArray(o.product_item) || o.product_item.length === 0) throw new RowError(`order ${orderId} has no product_item`);
  const items: OrderItem[] = o.product_item.map((x, k) => {
    if (!isRecord(x)) throw new RowError(`product_item[${k}] is not an object`);
    const productName = textOrUndefined(str(x.product_name));
    if (!productName) throw new RowError(`product_item[${k}]: missing product_name (商品名称)`);
    const unitPriceFen = cents(x.combo_amount, `product_item[${k}].combo_amount (单价)`);
    const quantity = x.combo_num;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) throw new RowError(`product_item[${k}].combo_num (数量) must be a whole number ≥ 1`);
    const spec = textOrUndefined(
      (Array.isArray(x.properties) ? x.properties : [])
        .map((p) => (isRecord(p) ? str(p.text) : ''))
        .filter(Boolean)
        .join(' '),
    );
    return { productName, ...(spec ? { spec } : {}), unitPriceFen, quantity };
  });
  const receiver = isRecord(o.receiver_info) ? o.receiver_info : {};
  const addr = isRecord(receiver.post_addr) ? receiver.post_addr : {};
  const recipientName = textOrUndefined(str(receiver.post_receiver));
  const recipientPhone = textOrUndefined(str(receiver.post_tel));
  const province = textOrUndefined(nameOf(addr.province));
  const city = textOrUndefined(nameOf(addr.city));
  const customerKey = customerKeyOf('douyin', shopId, { nickname });
  const order: OrderInput = {
    orderId,
    shopId,
    customerKey,
    placedAt,
    amountFen,
    quantity: items.reduce((s, i) => s + i.quantity, 0),
    productName: items[0]!.productName,
    items,
    channel: 'other',
    traffic: 'unknown',
    status,
    ...(recipientName ? { recipientName } : {}),
    ...(recipientPhone ? { recipientPhone } : {}),
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
  };
  const raw = [
    orderId,
    placedAt,
    items.map((i) => i.productName).join(' / '),
    String(amountFen),
    nickname,
    [recipientName, recipientPhone, province, city].filter(Boolean).join(' '),
    statusInfo || String(o.order_status ?? ''),
  ];
  return { order, customer: { customerKey, shopId, nickname }, raw };
}

/** Maps one observed searchlist body (SPEC §8). Pure; never throws. */
export function mapSearchList(json: unknown, _res: unknown, ctx: ObserveContext): AdapterResult | { ignored: string } {
  if (!isRecord(json)) return { ignored: '不是订单列表数据 (not a searchlist answer: the body is not a JSON object)' };
  const code = json.code ?? json.st;
  const msg = str(json.msg ?? json.message);
  if (code === 10008 || json.st === 10008 || /未登录/.test(msg)) return { ignored: '未登录 (logged out: code 10008)' };
  if (typeof code !== 'number') return { ignored: '不是订单列表数据 (not a searchlist answer: no numeric code)' };
  if (code !== 0) return { ignored: `接口返回错误 (searchlist answered code ${code}${msg ? `: ${msg}` : ''})` };
  if (!Array.isArray(json.data)) return { ignored: '不是订单列表数据 (not a searchlist answer: data is not a list of orders)' };

  const out = emptyResult(DOUYIN_ORDERS_ID);
  out.shop = ctx.shop;
  out.headers = [...SEARCHLIST_HEADERS];
  const orders = json.data;
  const idRow = (o: unknown) => [isRecord(o) ? str(o.shop_order_id) : '', '', '', '', '', '', ''];
  if (!ctx.shop) {
    out.rawRows = orders.map(idRow);
    return rejectForNoShop(out);
  }
  const shopId = ctx.shop.shopId;
  const seen = new Map<string, number>();
  const addCustomer = customerOnce(out);
  orders.forEach((o, row) => {
    out.rawRows.push(idRow(o));
    try {
      if (!isRecord(o)) throw new RowError('not an order object');
      const { order, customer, raw } = mapSearchOrder(o, shopId);
      out.rawRows[row] = raw;
      if (seen.has(order.orderId)) throw new RowError(`订单编号 ${order.orderId} shown twice (first at row ${seen.get(order.orderId)})`);
      seen.set(order.orderId, row);
      out.orders.push(order);
      out.rowOf.orders.push(row);
      addCustomer(customer, row);
    } catch (e) {
      out.rejected.push({ row, reason: e instanceof RowError ? e.message : `unreadable order: ${String(e)}` });
    }
  });
  return out;
}
