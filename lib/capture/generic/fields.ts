/**
 * The fields a generic table column can hold (SPEC §2 terms), their header synonyms in Chinese and
 * English, and how a cell of each is checked. Specific adapters declare their own synonyms; this
 * table is deliberately broader because the generic adapter sees tables of any tool.
 */
import type { Synonyms } from '../columns';
import { parseConsoleTime, parseFen, parseOrderStatus, parseQuantity, isEmptyMark, collapseWhitespace } from '../normalize';

export const GENERIC_FIELDS = [
  'orderId',
  'nickname',
  'buyerId',
  'phone',
  'amountFen',
  'placedAt',
  'paidAt',
  'status',
  'province',
  'city',
  'region',
  'productName',
  'quantity',
  'gender',
  'memberLevel',
  'visitedAt',
  'source',
  'page',
] as const;
export type GenericField = (typeof GENERIC_FIELDS)[number];

/** What the merchant can pick per column: a field or 忽略. */
export type ColumnChoice = GenericField | 'ignore';

/** zh-CN names shown in the column-mapping dialog. */
export const FIELD_LABELS: Record<GenericField, string> = {
  orderId: '订单号',
  nickname: '买家昵称',
  buyerId: '买家ID',
  phone: '手机号',
  amountFen: '实付金额',
  placedAt: '下单时间',
  paidAt: '支付时间',
  status: '订单状态',
  province: '省份',
  city: '城市',
  region: '地区/地址',
  productName: '商品名称',
  quantity: '数量',
  gender: '性别',
  memberLevel: '会员等级',
  visitedAt: '访问时间',
  source: '来源',
  page: '访问页面',
};

/** Header synonyms (exact match = confident; a header that only starts with one needs a look). */
export const GENERIC_COLUMNS: Synonyms<GenericField> = {
  orderId: ['订单号', '订单编号', '订单ID', '主订单编号', '主订单号', '子订单编号', '交易编号', '交易号', 'Order ID', 'OrderID', 'Order No', 'Order No.', 'Order Number', 'Order #', 'Order'],
  nickname: ['买家昵称', '买家', '昵称', '客户', '客户昵称', '客户名称', '客户名', '用户昵称', '用户名', '用户', '会员昵称', '会员名', '买家会员名', '旺旺', 'Buyer', 'Buyer Name', 'Customer', 'Customer Name', 'Nickname', 'User', 'Username'],
  buyerId: ['买家ID', '用户ID', '客户ID', '会员ID', '抖音号', '买家id', 'Buyer ID', 'Customer ID', 'User ID'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '联系方式', 'Phone', 'Mobile', 'Tel', 'Telephone', 'Phone Number'],
  amountFen: ['实付金额', '实付', '实收金额', '买家实付', '实付款', '金额', '订单金额', '支付金额', '付款金额', '成交金额', '交易金额', 'Amount', 'Total', 'Paid', 'Order Amount', 'Order Total', 'Price'],
  placedAt: ['下单时间', '创建时间', '订单创建时间', '成交时间', '交易时间', '日期', 'Order Time', 'Order Date', 'Created', 'Created At', 'Created Time', 'Date', 'Placed At'],
  paidAt: ['支付时间', '付款时间', 'Paid At', 'Payment Time', 'Pay Time'],
  status: ['订单状态', '状态', '交易状态', 'Status', 'Order Status'],
  province: ['省份', '省', '所在省份', 'Province', 'State'],
  city: ['城市', '市', '所在城市', 'City'],
  region: ['地区', '所在地区', '地址', '收货地址', '收件地址', '区域', '地域', 'Region', 'Address', 'Location', 'Area'],
  productName: ['商品名称', '商品', '商品信息', '宝贝', '宝贝名称', '商品标题', 'Product', 'Product Name', 'Item', 'Item Name'],
  quantity: ['数量', '件数', '购买数量', '商品数量', 'Qty', 'Quantity'],
  gender: ['性别', 'Gender', 'Sex'],
  memberLevel: ['会员等级', '会员级别', '等级', 'Member Level', 'Level', 'Tier'],
  visitedAt: ['访问时间', '浏览时间', '进店时间', '最近访问时间', 'Visit Time', 'Visited At', 'Last Visit'],
  source: ['来源', '入店来源', '访问来源', '流量来源', 'Source', 'Referrer', 'Channel'],
  page: ['被访页面', '访问页面', '页面', 'Page', 'Landing Page'],
};

const PHONE = /^(?:\+?86[\s-]?)?1\d{2}(?:\*{4}|[\s-]?\d{4})[\s-]?\d{4}$/;
const NOW = '2026-01-01T00:00:00+08:00';

/**
 * Whether a cell's text fits the field (used to weigh a header match and to guess a column by
 * its values). Fields without a recognisable value shape answer true.
 */
export function cellFits(field: GenericField, text: string): boolean {
  const t = collapseWhitespace(text);
  if (isEmptyMark(t)) return true;
  switch (field) {
    case 'amountFen':
      return parseFen(t).ok;
    case 'placedAt':
    case 'paidAt':
    case 'visitedAt':
      return parseConsoleTime(t, NOW).ok;
    case 'phone':
      return PHONE.test(t);
    case 'status':
      return parseOrderStatus(t).ok;
    case 'quantity':
      return parseQuantity(t).ok;
    case 'gender':
      return /^(男|女|f|m|male|female|未知)$/i.test(t);
    case 'orderId':
      return /^[A-Za-z0-9_-]{4,}$/.test(t);
    default:
      return true;
  }
}
