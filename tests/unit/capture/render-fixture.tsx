/** Renders a fixture page's React app (the same components the built HTML runs) into happy-dom's document. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { OrderListPage } from '../../fixtures/pages/douyin-orders/App';
import type { PageData } from '../../fixtures/pages/douyin-orders/view';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;

/** Mounts the 抖店 订单管理 fixture at `page`; replaces whatever was mounted before. */
export async function renderDouyinOrders(data: PageData, page = 1): Promise<void> {
  unmount();
  document.body.innerHTML = '<div id="root"></div>';
  root = createRoot(document.getElementById('root')!);
  await act(async () => root!.render(<OrderListPage data={data} initialPage={page} />));
}

/** Unmounts the fixture app. */
export function unmount(): void {
  if (root) act(() => root!.unmount());
  root = null;
}
