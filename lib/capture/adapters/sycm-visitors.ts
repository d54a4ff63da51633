/**
 * 生意参谋 流量 › 访客 (实时访客): one row per visit — 访客, 访问时间, 入店来源, 被访页面, 访客位置
 * (and, on some layouts, 访客ID, 是否下单, 序号). Each row with a visitor is a `visit` Contact
 * (source = 入店来源, page = 被访页面, the visitor's province/city) plus the visitor as a Customer;
 * a row without a visitor ("-", 未登录) is rejected with that reason (SPEC §2). 是否下单 stays in
 * the raw row: it names no order, so no order is made up from it. 生意参谋 shows the shop name,
 * not its id: the shop id is derived from the name unless a 店铺ID is shown.
 *
 * Read by structure, whatever library draws the table (CONSOLES.md §3: antd 3-era `ant-table` in
 * `oui-card` / `alife-dt-card-common-table-*` wrappers; an older layout in Fusion Next); the
 * table is confirmed by its header texts, and cells are read by their lines:
 * - 访客: the visitor as shown — a nickname, or the console's anonymised visitor id; a
 *   新访客 / 老访客 tag line is not part of it (it stays in the raw row). With no 访客ID column the
 *   visitor is keyed as shown (`nick:`), so the DOM and the JSON (`oid`) give the same key.
 * - 入店来源: the first line (a 搜索词 line below it stays in the raw row).
 * - 被访页面: the link's address when the cell is a link (the item page, exact and what the JSON
 *   sends as `detailUrl`), else the text (its `title` when ellipsised).
 *
 * Observed JSON (SPEC §8): `GET …/getRtVisitor.json?device=2&limit=20&page=N&…` →
 * `{ code: 0, data: { data: [rows], total } }` (envelope [inf]; also `data` as the row array or
 * `data.list`), rows `{ oid, oldVisitor, visitTime 'YYYY-MM-DD HH:mm:ss', srcGrpName, preSeKeyword,
 * detailUrl, cityName }` → the same contacts and customers as the DOM (`oid` as the visitor shown).
 * Ignored with a reason: another body shape, an error code (10008 未登录, 10013 类目无权限 …), an
 * encrypted `data` (hex ciphertext, as 市场 sends), a non-JSON body.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://sycm.taobao.com/flow/monitor/visitor
 *   https://sycm.taobao.com/flow/monitor/visitor?dateType=today&device=2
 * (a moved path on sycm.taobao.com still works: the table's headers confirm the page.)
 *
 * Fixtures: tests/fixtures/pages/sycm-visitors-antd/ (from the evidence: antd in oui/alife-dt
 * wrappers, rows fetched from getRtVisitor.json) and tests/fixtures/pages/sycm-visitors/ (Fusion Next).
 */
import { customerKeyOf } from '../../model/keys';
import type { Shop } from '../../model';
import type { Synonyms } from '../columns';
import { collapseWhitespace, isEmptyMark, parseConsoleTime, parseRegion, textOrUndefined } from '../normalize';
import { CONSOLE_SHOP, cellsOf, customerOnce, openTablePage, rejectForNoShop, tableAdapter, type TablePage } from '../read-kit';
import type { ShopSpec } from '../shop';
import { cellLines } from '../table';
import { emptyResult, type AdapterResult, type ContactInput, type Endpoint } from '../types';

export const ADAPTER_ID = 'sycm-visitors';

type Field = 'visitor' | 'buyerId' | 'at' | 'source' | 'page' | 'location' | 'ordered' | 'no';

/** Header synonyms of the visitor table. (访客编号 is the console's row number, not a buyer id.) */
export const COLUMNS: Synonyms<Field> = {
  visitor: ['访客', '访客昵称', '访客名称', '买家昵称', '会员名', '客户昵称'],
  buyerId: ['访客ID', '买家ID', '淘宝ID', '会员ID'],
  at: ['访问时间', '访问时刻', '进店时间', '到访时间'],
  source: ['入店来源', '来源', '访问来源', '流量来源'],
  page: ['被访页面', '受访页面', '访问页面', '入店页面', '着陆页'],
  location: ['访客位置', '访客地域', '地域', '所在地', '位置'],
  ordered: ['是否下单', '是否购买', '是否成交'],
  no: ['序号', '访客编号', '编号'],
};
/** Columns that must be there for the table to be the visitor list. */
export const REQUIRED: readonly Field[] = ['visitor', 'at', 'source'];

export const NO_VISITOR_REASON = '没有访客 (visitor not logged in: "-" / 未登录)';
/** What the 访客 cell shows for a visitor who was not logged in. */
const ANONYMOUS = /^(未登录|未登陆|匿名|游客|访客未登录)/;
/** The visitor-type tag under the visitor (新访客 / 老访客): not part of who the visitor is. */
const VISITOR_TYPE = /^(新访客|老访客|新客|老客)$/;

export const SHOP: ShopSpec = CONSOLE_SHOP;

const PAGE: TablePage<Field> = {
  id: ADAPTER_ID,
  platform: 'taobao',
  shop: SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '访客表', en: 'visitor table' },
};

/** An http(s) link's absolute address, resolved against the page; null for anything else (#, javascript:). */
function linkOf(cell: Element | null | undefined, pageUrl: string): string | null {
  const href = cell?.querySelector('a[href]')?.getAttribute('href');
  if (!href) return null;
  try {
    const u = new URL(href, pageUrl);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** One visit as read (from a row of the table or of the JSON), before the shop is applied. */
interface VisitFields {
  visitor: string;
  buyerId?: string;
  time: string;
  source?: string;
  page?: string;
  location: string;
}

/** A visit → its contact and customer, or the reason it cannot be read. */
function visitRecords(v: VisitFields, shopId: string, capturedAt: string): { contact: ContactInput; customer: { customerKey: string; shopId: string; nickname: string; buyerId?: string } } | { reason: string } {
  const visitor = collapseWhitespace(v.visitor);
  const anonymous = isEmptyMark(visitor) || ANONYMOUS.test(visitor);
  if (anonymous && !v.buyerId) return { reason: NO_VISITOR_REASON };
  const at = parseConsoleTime(v.time, capturedAt);
  if (!at.ok) return { reason: `访问时间: ${at.reason}` };
  if (!at.value) return { reason: 'missing 访问时间' };
  const nickname = anonymous ? '' : visitor;
  const customerKey = customerKeyOf('taobao', shopId, { buyerId: v.buyerId, nickname });
  const contact: ContactInput = {
    shopId,
    customerKey,
    at: at.value,
    kind: 'visit',
    ...(v.source ? { source: v.source } : {}),
    ...(v.page ? { page: v.page } : {}),
    ...parseRegion(v.location),
  };
  return { contact, customer: { customerKey, shopId, nickname, ...(v.buyerId ? { buyerId: v.buyerId } : {}) } };
}

/** Reads the visitor list of a 生意参谋 访客 page. Pure; never throws (see `read`). */
export function readSycmVisitors(doc: Document, url: string, capturedAt: string): AdapterResult {
  const { out, open } = openTablePage(doc, PAGE);
  if (!open) return out;
  const { cols, shopId, table } = open;
  const addCustomer = customerOnce(out);
  out.rawRows.forEach((cells, row) => {
    const get = cellsOf(cols, cells);
    const cellEl = (f: Field) => (cols[f] !== undefined ? table.rows[row]?.cellEls[cols[f]!] ?? null : null);
    const linesOf = (f: Field) => {
      const el = cellEl(f);
      return el ? cellLines(el) : [get(f)];
    };
    const visitorLines = linesOf('visitor').filter((l) => !VISITOR_TYPE.test(l));
    const read = visitRecords(
      {
        visitor: visitorLines.join(' '),
        buyerId: textOrUndefined(get('buyerId')),
        time: get('at'),
        source: textOrUndefined(linesOf('source')[0] ?? ''),
        page: linkOf(cellEl('page'), url) ?? textOrUndefined(get('page')),
        location: get('location'),
      },
      shopId,
      capturedAt,
    );
    if ('reason' in read) return void out.rejected.push({ row, reason: read.reason });
    out.contacts.push(read.contact);
    out.rowOf.contacts.push(row);
    addCustomer(read.customer, row);
  });
  return out;
}

// --- 生意参谋 JSON (shared with the 客户 adapter) ---------------------------------------------

/** Why a 生意参谋 body is ignored: the 市场 pages send `data` as hex AES ciphertext (CONSOLES.md §3). */
export const ENCRYPTED_REASON = '已加密的数据（生意参谋 市场） (encrypted payload: not read)';
export const NOT_JSON_REASON = '不是 JSON 数据 (the body is not JSON)';
export const LOGGED_OUT_REASON = '未登录，生意参谋返回 10008 (logged out: code 10008)';
export const NO_PERMISSION_REASON = '类目无权限，生意参谋返回 10013 (no permission for this category: code 10013)';

/**
 * A 生意参谋 JSON envelope `{ code, message, data }` → its `data`, or why the body is ignored:
 * not an object (non-JSON text), an error code, an encrypted (hex string) `data`.
 */
export function sycmData(json: unknown): { data: unknown } | { ignored: string } {
  if (typeof json === 'string') return { ignored: NOT_JSON_REASON };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ignored: NOT_JSON_REASON };
  const body = json as { code?: unknown; message?: unknown; msg?: unknown; data?: unknown; hasError?: unknown };
  const code = body.code === undefined ? 0 : Number(body.code);
  const message = typeof body.message === 'string' ? body.message : typeof body.msg === 'string' ? body.msg : '';
  if (code === 10008 || /未登录|登录失效|请登录/.test(message)) return { ignored: LOGGED_OUT_REASON };
  if (code === 10013 || /无权限/.test(message)) return { ignored: NO_PERMISSION_REASON };
  if (code !== 0 || body.hasError === true) return { ignored: `生意参谋返回错误 ${String(body.code)}${message ? `：${message}` : ''} (error code ${String(body.code)})` };
  if (typeof body.data === 'string' && /^[0-9a-f]{16,}$/i.test(body.data.trim())) return { ignored: ENCRYPTED_REASON };
  if (body.data === undefined || body.data === null) return { ignored: '生意参谋返回空数据 (no data in the body)' };
  return { data: body.data };
}

/** Headers of the raw rows the JSON mapper keeps (the table's evidenced columns). */
export const JSON_HEADERS: readonly string[] = ['访客', '访问时间', '入店来源', '被访页面', '访客位置'];

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** getRtVisitor.json → the contacts and customers the DOM reading gives for the same rows. Pure; never throws. */
export function mapRtVisitor(json: unknown, capturedAt: string, shop: Shop | null): AdapterResult | { ignored: string } {
  const env = sycmData(json);
  if ('ignored' in env) return env;
  const d = env.data as { data?: unknown; list?: unknown } | unknown[];
  const rows = Array.isArray(d) ? d : Array.isArray(d.data) ? d.data : Array.isArray(d.list) ? d.list : null;
  if (!rows) return { ignored: '不是访客列表数据 (no visitor rows in getRtVisitor.json)' };
  const out = emptyResult(ADAPTER_ID);
  out.headers = [...JSON_HEADERS];
  // The shop: the one the page or the merchant named (生意参谋's JSON names none we can key by).
  out.shop = shop;
  const shopId = shop?.shopId ?? null;
  const addCustomer = customerOnce(out);
  rows.forEach((raw, row) => {
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const oid = str(r.oid);
    const keyword = str(r.preSeKeyword);
    const type = isEmptyMark(oid) ? '' : r.oldVisitor === true || r.oldVisitor === 1 || r.oldVisitor === '1' ? ' 老访客' : ' 新访客';
    out.rawRows.push([collapseWhitespace(`${oid || '-'}${type}`), str(r.visitTime), collapseWhitespace(`${str(r.srcGrpName)} ${keyword ? `搜索词：${keyword}` : ''}`), str(r.detailUrl), str(r.cityName)]);
    if (shopId === null) return;
    const read = visitRecords(
      { visitor: oid, time: str(r.visitTime), source: textOrUndefined(str(r.srcGrpName)), page: textOrUndefined(str(r.detailUrl)), location: str(r.cityName) },
      shopId,
      capturedAt,
    );
    if ('reason' in read) return void out.rejected.push({ row, reason: read.reason });
    out.contacts.push(read.contact);
    out.rowOf.contacts.push(row);
    addCustomer(read.customer, row);
  });
  return shopId === null ? rejectForNoShop(out) : out;
}

/** The page's own JSON endpoint (SPEC §8). */
export const RT_VISITOR_ENDPOINT: Endpoint = {
  id: 'sycm-getRtVisitor',
  host: 'sycm.taobao.com',
  path: /\/getRtVisitor\.json$/,
  map: (json, _res, ctx) => {
    try {
      return mapRtVisitor(json, ctx.capturedAt, ctx.shop);
    } catch (e) {
      return { ignored: `映射出错 (mapper error: ${e instanceof Error ? e.message : String(e)})` };
    }
  },
};

export const sycmVisitors = {
  ...tableAdapter(
    { id: ADAPTER_ID, platform: 'taobao', kind: 'contacts', label: '生意参谋 访客分析', urls: [{ host: 'sycm.taobao.com', path: /^\/flow\/monitor\/visitor\b/ }] },
    PAGE,
    readSycmVisitors,
  ),
  endpoints: [RT_VISITOR_ENDPOINT],
};
