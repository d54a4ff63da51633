/** Renders the 抖店 订单管理 fixture page's React app (the same components the built HTML runs) into happy-dom's document. */
import { OrderListPage } from '../../fixtures/pages/douyin-orders/App';
import type { PageData } from '../../fixtures/pages/douyin-orders/view';
import { renderApp, unmountApp } from './render-taobao';

/** Mounts the 抖店 订单管理 fixture at `page`; replaces whatever was mounted before. */
export async function renderDouyinOrders(data: PageData, page = 1): Promise<void> {
  await renderApp(<OrderListPage data={data} initialPage={page} />);
}

/** Unmounts the fixture app. */
export const unmount = unmountApp;
