// @vitest-environment happy-dom
/**
 * The 生意参谋 访客 adapter against the Fusion fixture page (the same React app the built HTML
 * runs, client-rendered into happy-dom: Fusion's own DOM with locked columns drawn twice). The
 * expected records come from the generator through the truth builder, never from the adapter.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { readSycmVisitors, sycmVisitors } from '@/lib/capture/adapters/sycm-visitors';
import { Contact, Customer, derivedShopId, parseWith } from '@/lib/model';
import { VisitorPage } from '../../../fixtures/pages/sycm-visitors/App';
import { captureTruth, NO_VISITOR_REASON, type CaptureTruth } from '../../../fixtures/pages/sycm-visitors/truth';
import { generateVariant, pageData, shopIdOf } from '../../../fixtures/pages/sycm-visitors/data';
import { CONSOLE_URL, E2E_VARIANT, type PageData } from '../../../fixtures/pages/sycm-visitors/view';
import { clickIn, renderApp, unmountApp } from '../render-taobao';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  data = pageData(generateVariant(E2E_VARIANT), E2E_VARIANT);
  truth = captureTruth(data, shopIdOf(E2E_VARIANT));
});
afterEach(() => unmountApp());

const show = (page = 1) => renderApp(<VisitorPage data={data} initialPage={page} />);
const read = () => readSycmVisitors(document, CONSOLE_URL, capturedAt);

describe('sycm-visitors on the Fusion fixture', () => {
  test('the dataset spans several pages and has masked, emoji, id-less and not-logged-in visitors', () => {
    expect(truth.pageCount).toBeGreaterThanOrEqual(4);
    const all = truth.pages.flatMap((p) => p.customers);
    expect(all.some((c) => /\*\*/.test(c.nickname))).toBe(true);
    expect(all.some((c) => !c.buyerId)).toBe(true);
    expect(truth.totalRejected).toBeGreaterThan(0);
    expect(truth.pages.flatMap((p) => p.contacts).some((c) => !c.province)).toBe(true);
  });

  test('every page reads exactly the truth: shop (derived id), contacts, customers, rejects with the reason', async () => {
    for (const p of truth.pages) {
      await show(p.page);
      const r = read();
      expect(r.problem).toBeNull();
      expect(r.shop).toEqual(truth.shop);
      expect(r.shop!.shopId).toBe(derivedShopId('taobao', E2E_VARIANT.shopName));
      expect(r.headers).toEqual(['序号', '访客', '访客ID', '访问时间', '入店来源', '被访页面', '访客位置', '是否下单']);
      expect(r.contacts).toEqual(p.contacts);
      expect(r.customers).toEqual(p.customers);
      expect(r.rejected).toEqual(p.rejected);
      expect(r.orders).toEqual([]);
      // Locked columns are drawn twice by Fusion but read once: one raw row per visit row.
      expect(r.rawRows).toHaveLength(p.contacts.length + p.rejected.length);
      for (const c of r.contacts) expect(parseWith(Contact, c).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
    }
  });

  test('a long 被访页面 is read from its title, not the ellipsised text', async () => {
    await show(1);
    const shortened = Array.from(document.querySelectorAll('.page-name')).filter((el) => el.textContent!.endsWith('…'));
    const pages = read().contacts.map((c) => c.page);
    for (const el of shortened) expect(pages).toContain(el.getAttribute('title'));
  });

  test('the rejected rows are the "-" and 未登录 ones, with the reason', async () => {
    await show(1);
    const r = read();
    expect(r.rejected.length).toBeGreaterThan(0);
    for (const x of r.rejected) {
      expect(['-', '未登录']).toContain(r.rawRows[x.row]![1]);
      expect(x.reason).toBe(NO_VISITOR_REASON);
    }
  });

  test('clicking Fusion\u2019s 下一页 shows page 2 and the adapter reads it', async () => {
    await show(1);
    await clickIn(document.querySelector('.next-pagination .next-next'));
    expect(document.querySelector('.next-pagination-item.next-current')?.textContent).toBe('2');
    expect(read().contacts).toEqual(truth.pages[1]!.contacts);
  });

  test('pickAdapter: console URL → sycm-visitors; a moved path on sycm still works; findTable gives the Fusion root', async () => {
    await show(1);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('sycm-visitors');
    expect(pickAdapter('https://sycm.taobao.com/flow/new/visitor?x=1', document)?.id).toBe('sycm-visitors');
    expect(pickAdapter('https://example.com/flow/monitor/visitor', document)).toBeNull();
    expect(sycmVisitors.findTable(document)?.classList.contains('next-table')).toBe(true);
    const batch = readWithAdapter(sycmVisitors, document, CONSOLE_URL, capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('contacts');
    expect(batch.contacts.map((c) => c.record)).toEqual(truth.pages[0]!.contacts);
  });
});

describe('what cannot be read is rejected with a reason', () => {
  const page = (rows: string, shop = '<div class="shop-name">测试店</div>') =>
    (document.body.innerHTML = `${shop}<table><thead><tr><th>访客</th><th>访问时间</th><th>入店来源</th><th>被访页面</th><th>访客位置</th></tr></thead><tbody>${rows}</tbody></table>`);

  test('unreadable time rejected with its text; masked nickname kept as shown; municipality is both province and city', () => {
    page(`<tr><td>t**9</td><td>2026-11-20 10:00:00</td><td>手淘搜索</td><td>店铺首页</td><td>北京市</td></tr>
      <tr><td>小猫</td><td>昨天下午</td><td>直通车</td><td>乳胶枕</td><td>-</td></tr>
      <tr><td>🌸糖</td><td>11-19 08:30</td><td>-</td><td>-</td><td>四川省成都市</td></tr>`);
    const r = readSycmVisitors(document, CONSOLE_URL, '2026-11-20T12:00:00+08:00');
    const shopId = derivedShopId('taobao', '测试店');
    expect(r.contacts).toEqual([
      { shopId, customerKey: `taobao:${shopId}:nick:t**9`, at: '2026-11-20T10:00:00+08:00', kind: 'visit', source: '手淘搜索', page: '店铺首页', province: '北京市', city: '北京市' },
      { shopId, customerKey: `taobao:${shopId}:nick:🌸糖`, at: '2026-11-19T08:30:00+08:00', kind: 'visit', province: '四川省', city: '成都市' },
    ]);
    expect(r.rejected).toEqual([{ row: 1, reason: '访问时间: unreadable time "昨天下午"' }]);
  });

  test('no table: a clear problem; no shop identity: a problem and every row rejected', () => {
    document.body.innerHTML = '<div class="shop-name">测试店</div><p>暂无访客</p>';
    expect(readSycmVisitors(document, CONSOLE_URL, capturedAt).problem).toMatch(/no visitor table/);
    page('<tr><td>t**9</td><td>2026-11-20 10:00:00</td><td>手淘搜索</td><td>店铺首页</td><td>-</td></tr>', '');
    const r = readSycmVisitors(document, CONSOLE_URL, capturedAt);
    expect(r.problem).toMatch(/no shop name or 店铺ID/);
    expect(r.contacts).toEqual([]);
    expect(r.rejected).toHaveLength(1);
  });

  test('a shown 店铺ID wins over the derived id', () => {
    page('<tr><td>t**9</td><td>2026-11-20 10:00:00</td><td>手淘搜索</td><td>店铺首页</td><td>-</td></tr>', '<header><span class="shop-name">测试店</span> 店铺ID：57012345</header>');
    expect(readSycmVisitors(document, CONSOLE_URL, capturedAt).shop).toEqual({ shopId: '57012345', platform: 'taobao', name: '测试店' });
  });
});
