/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service worker,
 * which Chrome may stop at any time). This first script is small: the side panel's worker (named
 * PANEL_ENGINE_NAME) starts reading the stored snapshot at once (./early-read.ts), and the engine's
 * code (./engine-router.ts: Dexie, the engine, the handlers) loads once that read has its record —
 * compiling and running that code first kept the read's IndexedDB steps waiting on this thread
 * (~100–250 ms in a new browser). Requests that arrive meanwhile wait for the code, in order.
 */
import { earlyRecordIn, startEarlyRead } from './early-read';
import type { EngineRequest } from './protocol';
import { PANEL_ENGINE_NAME } from './worker-name';

const waiting: MessageEvent<EngineRequest>[] = [];
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  if (e.data?.kind === 'warm') startEarlyRead();
  waiting.push(e);
};
if ((self as unknown as { name?: string }).name === PANEL_ENGINE_NAME) startEarlyRead();
void earlyRecordIn()
  .then(() => import('./engine-router'))
  .then(({ onEngineMessage }) => {
    self.onmessage = onEngineMessage;
    for (const e of waiting.splice(0)) void onEngineMessage(e);
  });
