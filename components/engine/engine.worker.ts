/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service worker,
 * which Chrome may stop at any time). This first script is small: on the side panel's `warm` it
 * starts reading the stored snapshot at once (./early-read.ts) while the engine's code
 * (./engine-router.ts: Dexie, the engine, the handlers) loads; requests that arrive meanwhile
 * wait for it, in order.
 */
import { startEarlyRead } from './early-read';
import type { EngineRequest } from './protocol';

const waiting: MessageEvent<EngineRequest>[] = [];
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  if (e.data?.kind === 'warm') startEarlyRead();
  waiting.push(e);
};
void import('./engine-router').then(({ onEngineMessage }) => {
  self.onmessage = onEngineMessage;
  for (const e of waiting.splice(0)) void onEngineMessage(e);
});
