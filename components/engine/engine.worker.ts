/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service worker,
 * which Chrome may stop at any time). This first script is small. The side panel's worker (named
 * PANEL_ENGINE_NAME) gets, as its first message, the ports of two reader workers
 * (./snapshot-reader.worker.ts), which read the stored snapshot on their own threads: this worker
 * loads the engine's code (./engine-router.ts: Dexie, the engine, the handlers) at once, and the
 * snapshot load takes the reader's record and bytes over (./early-read.ts). A worker without a name
 * (the popup's) starts its own early read on `warm` and waits for its record (at most 150 ms) before
 * loading the code. Requests that arrive meanwhile wait for the code, in order.
 */
import { earlyRecordIn, expectReaderHandover, startEarlyRead, takeReaderPorts } from './early-read';
import type { EngineRequest } from './protocol';
import { PANEL_ENGINE_NAME } from './worker-name';

/** The readers' ports message (./boot.ts), not a request. */
const isReaderPort = (e: MessageEvent) => (e.data as { readerPort?: unknown } | null)?.readerPort === true;

const waiting: MessageEvent<EngineRequest>[] = [];
let first = true;
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  // The page posts the readers' ports first; any other first message means there is no reader.
  if (first) takeReaderPorts(isReaderPort(e) ? e.ports : []);
  first = false;
  if (isReaderPort(e)) return;
  if (e.data?.kind === 'warm') startEarlyRead();
  waiting.push(e);
};
if ((self as unknown as { name?: string }).name === PANEL_ENGINE_NAME) expectReaderHandover();
void earlyRecordIn()
  .then(() => import('./engine-router'))
  .then(({ onEngineMessage }) => {
    self.onmessage = (e: MessageEvent<EngineRequest>) => {
      if (isReaderPort(e)) takeReaderPorts(e.ports);
      else void onEngineMessage(e);
    };
    for (const e of waiting.splice(0)) void onEngineMessage(e);
  });
