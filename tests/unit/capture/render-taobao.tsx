/** Renders a fixture page's React app (the same components the built HTML runs) into happy-dom's document. */
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;

/** Mounts `app`; replaces whatever was mounted before. */
export async function renderApp(app: ReactElement): Promise<void> {
  unmountApp();
  document.body.innerHTML = '<div id="root"></div>';
  root = createRoot(document.getElementById('root')!);
  await act(async () => root!.render(app));
}

/** Clicks an element inside act() so React flushes the update. */
export async function clickIn(el: Element | null): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => (el as HTMLElement).click());
}

/** Unmounts the fixture app. */
export function unmountApp(): void {
  if (root) act(() => root!.unmount());
  root = null;
}

/** Lets pending promises (a fixture's loader) resolve and React render what they gave. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await act(async () => new Promise<void>((r) => setTimeout(r, 0)));
}
