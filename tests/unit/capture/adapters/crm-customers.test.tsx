// @vitest-environment happy-dom
/**
 * The 客户运营平台 客户列表 adapter against the Fusion fixture page (the same React app the built
 * HTML runs, client-rendered into happy-dom: Fusion's DOM with locked columns drawn twice and
 * Fusion Tags). Expected customers come from the generator through the truth builder.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { adaptersForUrl, pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { crmCustomers, readCrmCustomers } from '@/lib/capture/adapters/crm-customers';
import { Customer, derivedShopId, parseWith } from '@/lib/model';
import { CustomerListPage } from '../../../fixtures/pages/crm-customers/App';
import { generateVariant, pageData, shopIdOf } from '../../../fixtures/pages/crm-customers/data';
import { captureTruth, type CaptureTruth } from '../../../fixtures/pages/crm-customers/truth';
import { CONSOLE_URL, E2E_VARIANT, type PageData } from '../../../fixtures/pages/crm-customers/view';
import { clickIn, renderApp, unmountApp } from '../render-taobao';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  const shop = generateVariant(E2E_VARIANT);
  data = pageData(shop, E2E_VARIANT);
  truth = captureTruth(data, shopIdOf(E2E_VARIANT));
});
afterEach(() => unmountApp());

const show = (page = 1) => renderApp(<CustomerListPage data={data} initialPage={page} />);
const read = (url = CONSOLE_URL) => readCrmCustomers(document, url, capturedAt);

describe('crm-customers on the Fusion fixture', () => {
  test('the dataset has members, 非会员, unknown membership, masked and full phones, tags', () => {
    const all = truth.pages.flatMap((p) => p.customers);
    expect(truth.pageCount).toBeGreaterThanOrEqual(3);
    expect(all.some((c) => c.isMember === false && c.memberLevel === undefined)).toBe(true);
    expect(all.some((c) => c.isMember === true && c.memberLevel)).toBe(true);
    expect(all.some((c) => c.isMember === undefined)).toBe(true);
    expect(all.some((c) => c.phone?.includes('****'))).toBe(true);
    expect(all.some((c) => c.phone && !c.phone.includes('*'))).toBe(true);
    expect(all.some((c) => (c.tags?.length ?? 0) > 1)).toBe(true);
  });

  test('every page reads exactly the truth: customers with every shown field; no orders; figures stay raw', async () => {
    for (const p of truth.pages) {
      await show(p.page);
      const r = read();
      expect(r.problem).toBeNull();
      expect(r.rejected).toEqual([]);
      expect(r.shop).toEqual(truth.shop);
      expect(r.shop!.shopId).toBe(derivedShopId('taobao', E2E_VARIANT.shopName));
      expect(r.headers).toEqual(['客户', '客户ID', '会员等级', '性别', '手机号', '地区', '标签', '累计消费金额', '交易笔数', '最近交易时间', '操作']);
      expect(r.customers).toEqual(p.customers);
      expect(r.orders).toEqual([]);
      expect(r.contacts).toEqual([]);
      expect(r.rawRows).toHaveLength(p.customers.length);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
      const shown = data.rows.slice((p.page - 1) * data.pageSize, p.page * data.pageSize);
      expect(r.rawRows.map((row) => row[8])).toEqual(shown.map((x) => String(x.tradeCount)));
    }
  });

  test('Fusion 下一页 → page 2 read exactly', async () => {
    await show(1);
    await clickIn(document.querySelector('.next-pagination .next-next'));
    expect(read().customers).toEqual(truth.pages[1]!.customers);
  });

  test('URL rules: crm.taobao.com and the 千牛 home.htm frame pick crm-customers; the 千牛 sold page does not', async () => {
    await show(1);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('crm-customers');
    expect(pickAdapter('https://myseller.taobao.com/home.htm/crm/customer/list', document)?.id).toBe('crm-customers');
    expect(pickAdapter('https://crm.taobao.com/customer/v2/list', document)?.id).toBe('crm-customers');
    expect(adaptersForUrl('https://myseller.taobao.com/home.htm/trade-platform/tp/sold')[0]?.adapter.id).toBe('qianniu-sold');
    expect(adaptersForUrl('https://myseller.taobao.com/home.htm/trade-platform/tp/sold').find((h) => h.adapter.id === 'crm-customers')?.pathMatches).toBe(false);
    const batch = readWithAdapter(crmCustomers, document, CONSOLE_URL, capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('customers');
  });
});

describe('membership, gender, tags and rejects on a plain table', () => {
  test('非会员 → isMember false, no level; "-" → unknown; level text kept; tags split; a row without a customer rejected', () => {
    document.body.innerHTML = `<header><span class="shop-name">茶舍</span></header><table><thead><tr>
      <th>客户昵称</th><th>会员等级</th><th>性别</th><th>手机号码</th><th>地区</th><th>标签</th></tr></thead><tbody>
      <tr><td>t**9</td><td>非会员</td><td>女</td><td>138****1234</td><td>上海市</td><td>-</td></tr>
      <tr><td>🍓橘子</td><td>黄金会员</td><td>-</td><td>+86 138 1234 5678</td><td>四川省 成都市</td><td>复购客户、高消费</td></tr>
      <tr><td>阿猫</td><td>-</td><td>男</td><td>-</td><td>-</td><td></td></tr>
      <tr><td>-</td><td>VIP会员</td><td>男</td><td>-</td><td>-</td><td></td></tr>
    </tbody></table>`;
    const r = readCrmCustomers(document, CONSOLE_URL, capturedAt);
    const shopId = derivedShopId('taobao', '茶舍');
    expect(r.customers).toEqual([
      { customerKey: `taobao:${shopId}:nick:t**9`, shopId, nickname: 't**9', phone: '138****1234', province: '上海市', city: '上海市', gender: 'f', isMember: false, tags: [] },
      { customerKey: `taobao:${shopId}:nick:🍓橘子`, shopId, nickname: '🍓橘子', phone: '+86 138 1234 5678', province: '四川省', city: '成都市', isMember: true, memberLevel: '黄金会员', tags: ['复购客户', '高消费'] },
      { customerKey: `taobao:${shopId}:nick:阿猫`, shopId, nickname: '阿猫', gender: 'm', tags: [] },
    ]);
    expect(r.rejected).toEqual([{ row: 3, reason: 'missing 客户 (nickname or id)' }]);
  });

  test('no customer table: a clear problem', () => {
    document.body.innerHTML = '<span class="shop-name">茶舍</span>';
    expect(readCrmCustomers(document, CONSOLE_URL, capturedAt).problem).toMatch(/no customer table/);
  });
});
