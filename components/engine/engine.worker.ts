/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service worker,
 * which Chrome may stop at any time). This first script is small. The side panel's worker (named
 * PANEL_ENGINE_NAME) gets, as its first message, a port from the reader worker
 * (./snapshot-reader.worker.ts), which reads the stored snapshot on its own thread: this worker
 * loads the engine's code (./engine-router.ts: Dexie, the engine, the handlers) at once, and the
 * snapshot load takes the reader's record and bytes over (./early-read.ts). A worker without a name
 * (the popup's) loads the code at once and its snapshot load reads for itself. Requests that arrive
 * meanwhile wait for the code, in order.
 */
import { expectReaderHandover, takeReaderPort } from './early-read';
import type { EngineRequest } from './protocol';
import { PANEL_ENGINE_NAME } from './worker-name';

/** The reader's port message (./boot.ts), not a request. */
const isReaderPort = (e: MessageEvent) => (e.data as { readerPort?: unknown } | null)?.readerPort === true;

const waiting: MessageEvent<EngineRequest>[] = [];
let first = true;
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  // The page posts the reader's port first; any other first message means there is no reader.
  if (first) takeReaderPort(isReaderPort(e) ? (e.ports[0] ?? null) : null);
  first = false;
  if (isReaderPort(e)) return;
  waiting.push(e);
};
if ((self as unknown as { name?: string }).name === PANEL_ENGINE_NAME) expectReaderHandover();
void import('./engine-router').then(({ onEngineMessage }) => {
  self.onmessage = (e: MessageEvent<EngineRequest>) => {
    if (isReaderPort(e)) takeReaderPort(e.ports[0] ?? null);
    else void onEngineMessage(e);
  };
  for (const e of waiting.splice(0)) void onEngineMessage(e);
});
