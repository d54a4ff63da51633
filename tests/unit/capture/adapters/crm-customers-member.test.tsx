// @vitest-environment happy-dom
/**
 * The 客户运营平台 客户列表 adapter against the second-library fixture (Fusion with a selection
 * column and the seller-member API's column names: 客户昵称 | 会员等级 | 交易次数 | 交易金额 |
 * 最近交易时间 | 客户来源 | 分组/标签 | 操作), in both its headers (千牛 top bar and 客户运营平台's
 * own when framed). No public evidence of this page exists; the fixture is design fiction.
 * Expected customers come from the generator through the truth builder, never from the adapter.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { adaptersForUrl, pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { crmCustomers, readCrmCustomers } from '@/lib/capture/adapters/crm-customers';
import { Customer, parseWith } from '@/lib/model';
import { MemberListPage } from '../../../fixtures/pages/crm-customers-member/App';
import { generateVariant, pageData, shopIdOf } from '../../../fixtures/pages/crm-customers-member/data';
import { captureTruth, type CaptureTruth } from '../../../fixtures/pages/crm-customers-member/truth';
import { CONSOLE_URL, E2E_VARIANT, FRAME_URL, SHELL_URL, type PageData } from '../../../fixtures/pages/crm-customers-member/view';
import { clickIn, renderApp, unmountApp } from '../render-taobao';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  data = pageData(generateVariant(E2E_VARIANT), E2E_VARIANT);
  truth = captureTruth(data, shopIdOf(E2E_VARIANT));
});
afterEach(() => unmountApp());

const show = (page = 1, framed = false) => renderApp(<MemberListPage data={data} initialPage={page} framed={framed} />);

describe('crm-customers on the member-vocabulary Fusion fixture', () => {
  test('the dataset has members with levels, 非会员, unknown membership, several tags, several pages', () => {
    const all = truth.pages.flatMap((p) => p.customers);
    expect(truth.pageCount).toBeGreaterThanOrEqual(3);
    expect(all.some((c) => c.isMember === false)).toBe(true);
    expect(all.some((c) => c.isMember === true && c.memberLevel)).toBe(true);
    expect(all.some((c) => c.isMember === undefined)).toBe(true);
    expect(all.some((c) => (c.tags?.length ?? 0) > 1)).toBe(true);
    expect(new Set(all.map((c) => c.customerKey)).size).toBe(all.length);
  });

  for (const framed of [false, true]) {
    test(`every page reads exactly the truth (${framed ? 'framed, 客户运营平台 header' : '千牛 top document'}); figures stay raw`, async () => {
      for (const p of truth.pages) {
        await show(p.page, framed);
        const r = readCrmCustomers(document, framed ? FRAME_URL : CONSOLE_URL, capturedAt);
        expect(r.problem).toBeNull();
        expect(r.rejected).toEqual([]);
        expect(r.shop).toEqual(truth.shop);
        expect(r.headers.filter(Boolean)).toEqual(['客户昵称', '会员等级', '交易次数', '交易金额', '最近交易时间', '客户来源', '分组/标签', '操作']);
        expect(r.customers).toEqual(p.customers);
        expect(r.orders).toEqual([]);
        expect(r.rawRows).toHaveLength(p.customers.length);
        for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
        // 交易次数 and 客户来源 are kept in the raw rows as shown.
        const col = (h: string) => r.headers.indexOf(h);
        const shown = data.rows.slice((p.page - 1) * data.pageSize, p.page * data.pageSize);
        expect(r.rawRows.map((row) => row[col('交易次数')])).toEqual(shown.map((x) => String(x.tradeCount)));
        expect(r.rawRows.map((row) => row[col('客户来源')])).toEqual(shown.map((x) => x.source));
      }
    });
  }

  test('Fusion 下一页 → page 2 read exactly', async () => {
    await show(1);
    await clickIn(document.querySelector('.next-pagination .next-next'));
    expect(readCrmCustomers(document, CONSOLE_URL, capturedAt).customers).toEqual(truth.pages[1]!.customers);
  });

  test('URL rules: the 千牛 route, the shell and crm.taobao.com pick crm-customers; the 千牛 sold page does not', async () => {
    await show(1);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('crm-customers');
    expect(pickAdapter(FRAME_URL, document)?.id).toBe('crm-customers');
    expect(adaptersForUrl(SHELL_URL)[0]?.adapter.id).toBe('crm-customers');
    expect(adaptersForUrl('https://qn.taobao.com/home.htm/trade-platform/tp/sold')[0]?.adapter.id).toBe('qianniu-sold');
    expect(crmCustomers.findTable(document)?.classList.contains('next-table')).toBe(true);
    const batch = readWithAdapter(crmCustomers, document, CONSOLE_URL, capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('customers');
  });
});
