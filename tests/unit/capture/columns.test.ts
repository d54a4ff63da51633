import { describe, expect, test } from 'vitest';
import { headerKey, mapColumns, readLabeled } from '@/lib/capture/columns';

describe('mapColumns', () => {
  test('exact synonyms first, then prefixes; one header per field; longest synonym wins', () => {
    const cols = mapColumns(['商品信息', '单价(元)', '实付金额 ', '订单状态?', '买家ID', '买家昵称'], {
      product: ['商品信息', '商品'],
      price: ['单价'],
      amount: ['实付金额'],
      status: ['订单状态', '状态'],
      nickname: ['买家昵称', '买家'],
      buyerId: ['买家ID'],
      missing: ['不存在'],
    });
    expect(cols).toEqual({ product: 0, price: 1, amount: 2, status: 3, buyerId: 4, nickname: 5 });
  });
  test('headerKey drops whitespace, units in brackets and help marks', () => {
    expect(headerKey(' 成交 金额（元）')).toBe('成交金额');
    expect(headerKey('访客数?')).toBe('访客数');
  });
});

describe('readLabeled', () => {
  const labels = { orderId: ['订单编号'], nickname: ['买家', '买家昵称'], buyerId: ['买家ID'], placedAt: ['下单时间'] };
  test('pairs run together without spaces are split at the next known label', () => {
    const r = readLabeled('订单编号：6907下单时间：2026-11-20 13:45:12买家：小子🌸 3059买家ID：5640', labels);
    expect(r.values).toEqual({ orderId: '6907', placedAt: '2026-11-20 13:45:12', nickname: '小子🌸 3059', buyerId: '5640' });
    expect(r.lead).toBe('');
  });
  test('lead text before the first label, ASCII colons, absent labels', () => {
    const r = readLabeled('瑜伽垫 规格: 6mm 灰', { spec: ['规格'], productId: ['商品ID'] });
    expect(r).toEqual({ lead: '瑜伽垫', values: { spec: '6mm 灰' } });
  });
});

describe('readLabeled: label, space, value (抖店 order line, no colon)', () => {
  const labels = { orderId: ['订单编号', '订单号'], placedAt: ['下单时间'], buyerId: ['买家ID'], nickname: ['买家'] };
  test('NBSP and spaces between label and value, pairs separated by spaces', () => {
    const r = readLabeled('订单编号\u00a06919000000000001\u00a0\u00a0下单时间\u00a02023/05/12 21:58:20', labels);
    expect(r).toEqual({ lead: '', values: { orderId: '6919000000000001', placedAt: '2023/05/12 21:58:20' } });
  });
  test('colon and space forms mixed; the longest label wins (买家ID before 买家)', () => {
    const r = readLabeled('订单号：1002 买家ID 5640 买家 小子🌸', labels);
    expect(r.values).toEqual({ orderId: '1002', buyerId: '5640', nickname: '小子🌸' });
  });
  test('a label inside a word is not a label (no colon, no word boundary)', () => {
    const r = readLabeled('乳胶枕规格 白色', { spec: ['规格'], productId: ['商品ID'] });
    expect(r).toEqual({ lead: '乳胶枕规格 白色', values: {} });
  });
  test('product cells keep their colon form; a label at the end without a value is not a pair', () => {
    expect(readLabeled('纯棉T恤 规格：红色 XL 商品ID：123', { spec: ['规格'], productId: ['商品ID'] })).toEqual({
      lead: '纯棉T恤',
      values: { spec: '红色 XL', productId: '123' },
    });
    expect(readLabeled('纯棉T恤 规格', { spec: ['规格'] })).toEqual({ lead: '纯棉T恤 规格', values: {} });
    expect(readLabeled('瑜伽垫 规格 6mm 灰', { spec: ['规格'] })).toEqual({ lead: '瑜伽垫', values: { spec: '6mm 灰' } });
  });
});
