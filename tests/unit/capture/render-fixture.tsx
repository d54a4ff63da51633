/** Renders the 抖店 订单管理 fixture pages' React apps (the same components the built HTML runs) into happy-dom's document. */
import { act } from 'react';
import { OrderListPage } from '../../fixtures/pages/douyin-orders/App';
import type { PageData } from '../../fixtures/pages/douyin-orders/view';
import { AuxoOrderListPage, type SearchListLoader } from '../../fixtures/pages/douyin-orders-auxo/App';
import { auxoApi, type AuxoPageData } from '../../fixtures/pages/douyin-orders-auxo/view';
import { AuroraUserAssetPage } from '../../fixtures/pages/compass-user-asset-aurora/App';
import { auroraApi, type AuroraPageData } from '../../fixtures/pages/compass-user-asset-aurora/view';
import { renderApp, unmountApp } from './render-taobao';

/** Mounts the 抖店 订单管理 Arco fixture at `page`; replaces whatever was mounted before. */
export async function renderDouyinOrders(data: PageData, page = 1): Promise<void> {
  await renderApp(<OrderListPage data={data} initialPage={page} />);
}

/** A loader answering from the page's own `api` over the dataset, as the built page's XHR gets it; records each body it answered. */
export function memoryLoader(data: AuxoPageData, bodies: string[] = []): SearchListLoader {
  return async (page0, pageSize) => {
    const url = new URL(`https://fxg.jinritemai.com/api/order/searchlist?page=${page0}&pageSize=${pageSize}`);
    const answer = auxoApi(data, { url, method: 'GET', body: null });
    if (!answer || typeof answer.body !== 'string') throw new Error('no answer');
    bodies.push(answer.body);
    return JSON.parse(answer.body) as Awaited<ReturnType<SearchListLoader>>;
  };
}

/** Lets pending loader promises and React updates settle (inside act). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

/** Mounts the evidence-built (auxo / ecom-g) 抖店 fixture with `loader` and waits for its first page of rows. */
export async function renderDouyinAuxo(data: AuxoPageData, loader: SearchListLoader = memoryLoader(data)): Promise<void> {
  const { orders: _orders, ...config } = data;
  void _orders;
  await renderApp(<AuxoOrderListPage config={config} loader={loader} />);
  await settle();
}

/** Mounts the evidence-built 罗盘 用户资产 (aurora) page, its overview answered by the page's own `api` (`bodies` records each answer), and waits for it. */
export async function renderCompassAurora(data: AuroraPageData, bodies: string[] = [], query = 'date_type=30'): Promise<void> {
  const path = data.account.kind === 'talent' ? '/compass_api/author/crowd/user_asset/overview' : '/compass_api/shop/crowd/user_asset/overview';
  const loader = async () => {
    const answer = auroraApi(data, { url: new URL(`https://compass.jinritemai.com${path}?${query}`), method: 'GET', body: null });
    if (!answer || typeof answer.body !== 'string') throw new Error('no answer');
    bodies.push(answer.body);
    return JSON.parse(answer.body) as unknown;
  };
  await renderApp(<AuroraUserAssetPage config={{ account: data.account, hashSeed: data.hashSeed }} loader={loader} />);
  await settle();
}

/** Unmounts the fixture app. */
export const unmount = unmountApp;
