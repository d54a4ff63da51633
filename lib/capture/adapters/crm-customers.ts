/**
 * 客户运营平台 客户列表 (and the same list inside 千牛, in its top document or in a frame): one
 * row per customer — 客户/客户昵称 (nickname as shown), 客户ID where shown, 会员等级, 性别,
 * 手机号 (masked or full, kept as seen), 地区, 标签 or 分组/标签 — read into Customers. 会员等级
 * is kept as the console's text (普通会员, VIP会员 …); 非会员 gives isMember false and no level;
 * "-" leaves both unknown. The shop's figures for a customer (累计消费金额/交易金额, 交易笔数/
 * 交易次数, 最近交易时间, 客户来源) stay in the raw rows: they are not orders, so no order is made
 * up from them. There is no public evidence of this page at all (CONSOLES.md §4, §9.3): the
 * header synonyms cover both the classic labels and the seller-member API's vocabulary.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://crm.taobao.com/customer/list
 *   https://crm.taobao.com/customer/list?tab=member
 *   https://myseller.taobao.com/home.htm/crm/customer/list
 *   https://myseller.taobao.com/home.htm/crm-workbench/customer/list
 * (千牛 shows the list under home.htm/… at paths that vary, or frames crm.taobao.com; on
 * crm.taobao.com and in 千牛 the table's headers confirm the page, so a moved path still works.)
 *
 * Fixtures: tests/fixtures/pages/crm-customers-member/ (Fusion, member-API columns, in the 千牛 top
 * document and framed at crm.taobao.com) and tests/fixtures/pages/crm-customers/ (Fusion, locked
 * columns, classic labels); truths built by scripts/build-fixtures.mjs.
 */
import type { CustomerInput } from '../../model';
import { customerKeyOf } from '../../model/keys';
import type { Synonyms } from '../columns';
import { cellText } from '../table';
import { collapseWhitespace, isEmptyMark, parseRegion, phoneAsShown, textOrUndefined } from '../normalize';
import { CONSOLE_SHOP, cellsOf, openTablePage, tableAdapter, type TablePage } from '../read-kit';
import type { ShopSpec } from '../shop';
import type { AdapterResult } from '../types';

export const ADAPTER_ID = 'crm-customers';

type Field = 'nickname' | 'buyerId' | 'level' | 'gender' | 'phone' | 'region' | 'tags' | 'total' | 'trades' | 'lastTrade' | 'source';

/** Header synonyms of the customer list. */
export const COLUMNS: Synonyms<Field> = {
  nickname: ['客户', '客户昵称', '客户信息', '买家昵称', '会员昵称', '昵称'],
  buyerId: ['客户ID', '买家ID', '淘宝ID', '会员ID'],
  level: ['会员等级', '会员级别', '等级'],
  gender: ['性别'],
  phone: ['手机号', '手机号码', '手机', '联系电话'],
  region: ['地区', '所在地区', '地域', '所在地', '收货地区'],
  tags: ['标签', '客户标签', '人群标签', '分组/标签', '分组标签', '标签/分组', '分组'],
  total: ['累计消费金额', '累计消费', '消费金额', '累计支付金额', '交易金额', '累计交易金额'],
  trades: ['交易笔数', '累计交易笔数', '购买次数', '交易次数'],
  lastTrade: ['最近交易时间', '最近购买时间', '上次交易时间'],
  source: ['客户来源', '来源'],
};
/** Columns that must be there for the table to be the customer list. */
export const REQUIRED: readonly Field[] = ['nickname', 'level'];

const NON_MEMBER = /^(非会员|未入会|不是会员)$/;

export const SHOP: ShopSpec = CONSOLE_SHOP;

const PAGE: TablePage<Field> = {
  id: ADAPTER_ID,
  platform: 'taobao',
  shop: SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '客户列表', en: 'customer table' },
};

/** 女/男 (and F/M, female/male) → gender; anything else → unknown. */
function genderOf(text: string): 'f' | 'm' | undefined {
  const t = collapseWhitespace(text).toLowerCase();
  if (/^(女|f|female)$/.test(t)) return 'f';
  if (/^(男|m|male)$/.test(t)) return 'm';
  return undefined;
}

/** The tags of a 标签 cell: one per tag element when the cell draws them so, else split on separators. */
function tagsOf(el: Element | null, text: string): string[] {
  if (isEmptyMark(text)) return [];
  const chips = el ? Array.from(el.querySelectorAll('[class*="tag"]')).filter((c) => !c.querySelector('[class*="tag"]')) : [];
  const texts = chips.length > 0 ? chips.map((c) => cellText(c)) : text.split(/[,，、;；\s]+/);
  return [...new Set(texts.map((t) => collapseWhitespace(t)).filter((t) => t && !isEmptyMark(t)))];
}

/** Reads the customer list of a 客户运营平台 page. Pure; never throws (see `read`). */
export function readCrmCustomers(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  void capturedAt;
  const { out, open } = openTablePage(doc, PAGE);
  if (!open) return out;
  const { table, cols, shopId } = open;
  const seen = new Map<string, number>();
  table.rows.forEach((tr, row) => {
    const get = cellsOf(cols, tr.cells);
    const nickname = textOrUndefined(get('nickname'));
    const buyerId = textOrUndefined(get('buyerId'));
    if (!nickname && !buyerId) return void out.rejected.push({ row, reason: 'missing 客户 (nickname or id)' });
    const customerKey = customerKeyOf('taobao', shopId, { buyerId, nickname: nickname ?? '' });
    if (seen.has(customerKey)) return void out.rejected.push({ row, reason: `客户 ${customerKey} shown twice (first at row ${seen.get(customerKey)})` });
    const level = collapseWhitespace(get('level'));
    const member = isEmptyMark(level) ? {} : NON_MEMBER.test(level) ? { isMember: false } : { isMember: true, memberLevel: level };
    const phone = phoneAsShown(get('phone'));
    const gender = genderOf(get('gender'));
    const tagsCol = cols.tags;
    const customer: CustomerInput = {
      customerKey,
      shopId,
      nickname: nickname ?? '',
      ...(buyerId ? { buyerId } : {}),
      ...(phone ? { phone } : {}),
      ...parseRegion(get('region')),
      ...(gender ? { gender } : {}),
      ...member,
      tags: tagsCol === undefined ? [] : tagsOf(tr.cellEls[tagsCol] ?? null, get('tags')),
    };
    seen.set(customerKey, row);
    out.customers.push(customer);
    out.rowOf.customers.push(row);
  });
  return out;
}

export const crmCustomers = tableAdapter(
  {
    id: ADAPTER_ID,
    platform: 'taobao',
    kind: 'customers',
    label: '客户运营平台 客户列表',
    urls: [
      { host: 'crm.taobao.com', path: /^\/customer\/list\b/ },
      // 千牛 frames the list at varying home.htm paths; its order pages have their own adapter.
      { host: 'myseller.taobao.com', path: /^\/home\.htm\/(?!trade-platform\/)/ },
    ],
  },
  PAGE,
  readCrmCustomers,
);
