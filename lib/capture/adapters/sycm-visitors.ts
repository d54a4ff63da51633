/**
 * 生意参谋 流量 › 访客分析 (实时访客): one row per visit — 访客 (nickname as shown, masked ones
 * such as t**9 too), 访客ID where shown, 访问时间, 入店来源, 被访页面, 访客位置, 是否下单.
 * Each row with a visitor is a `visit` Contact (source = 入店来源, page = 被访页面, the
 * visitor's province/city) plus the visitor as a Customer; a row without a visitor ("-",
 * 未登录) is rejected with that reason (SPEC §2). 是否下单 stays in the raw row: it names no
 * order, so no order is made up from it. 生意参谋 shows the shop name, not its id: the shop id
 * is derived from the name unless a 店铺ID is shown.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://sycm.taobao.com/flow/monitor/visitor
 *   https://sycm.taobao.com/flow/monitor/visitor?dateType=today&device=2
 * (a moved path on sycm.taobao.com still works: the table's headers confirm the page.)
 *
 * Fixture: tests/fixtures/pages/sycm-visitors/ (Alibaba Fusion Next), truth built by scripts/build-fixtures.mjs.
 */
import { customerKeyOf } from '../../model/keys';
import type { Synonyms } from '../columns';
import { collapseWhitespace, isEmptyMark, parseConsoleTime, parseRegion, textOrUndefined } from '../normalize';
import { CONSOLE_SHOP, cellsOf, customerOnce, openTablePage, tableAdapter, type TablePage } from '../read-kit';
import type { ShopSpec } from '../shop';
import type { AdapterResult, ContactInput } from '../types';

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

export const SHOP: ShopSpec = CONSOLE_SHOP;

const PAGE: TablePage<Field> = {
  id: ADAPTER_ID,
  platform: 'taobao',
  shop: SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '访客表', en: 'visitor table' },
};

/** Reads the visitor list of a 生意参谋 访客 page. Pure; never throws (see `read`). */
export function readSycmVisitors(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  const { out, open } = openTablePage(doc, PAGE);
  if (!open) return out;
  const { cols, shopId } = open;
  const addCustomer = customerOnce(out);
  out.rawRows.forEach((cells, row) => {
    const get = cellsOf(cols, cells);
    const reject = (reason: string) => out.rejected.push({ row, reason });
    const visitor = collapseWhitespace(get('visitor'));
    const buyerId = textOrUndefined(get('buyerId'));
    if ((isEmptyMark(visitor) || ANONYMOUS.test(visitor)) && !buyerId) return reject(NO_VISITOR_REASON);
    const at = parseConsoleTime(get('at'), capturedAt);
    if (!at.ok) return reject(`访问时间: ${at.reason}`);
    if (!at.value) return reject('missing 访问时间');
    const nickname = isEmptyMark(visitor) || ANONYMOUS.test(visitor) ? '' : visitor;
    const customerKey = customerKeyOf('taobao', shopId, { buyerId, nickname });
    const source = textOrUndefined(get('source'));
    const page = textOrUndefined(get('page'));
    const contact: ContactInput = {
      shopId,
      customerKey,
      at: at.value,
      kind: 'visit',
      ...(source ? { source } : {}),
      ...(page ? { page } : {}),
      ...parseRegion(get('location')),
    };
    out.contacts.push(contact);
    out.rowOf.contacts.push(row);
    addCustomer({ customerKey, shopId, nickname, ...(buyerId ? { buyerId } : {}) }, row);
  });
  return out;
}

export const sycmVisitors = tableAdapter(
  { id: ADAPTER_ID, platform: 'taobao', kind: 'contacts', label: '生意参谋 访客分析', urls: [{ host: 'sycm.taobao.com', path: /^\/flow\/monitor\/visitor\b/ }] },
  PAGE,
  readSycmVisitors,
);
