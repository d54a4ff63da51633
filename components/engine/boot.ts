/**
 * Starts the engine worker as the side panel page starts, before the panel's code (React, charts)
 * has loaded, with a reader worker beside it that reads the snapshot of the shop the panel opens on
 * and hands it to the engine through a MessagePort, so the 概览's request (./first-open.ts, sent right
 * after) finds it in memory and the engine's thread loads its code meanwhile (cold open, issue 14).
 */

import { PANEL_ENGINE_NAME } from './worker-name';

/** A new engine worker (the one place its URL is named, so the bundle holds it once); `name` PANEL_ENGINE_NAME: the side panel's. */
export function createEngineWorker(name?: string): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { ...(name ? { name } : {}), type: 'module' });
}

let booted: Worker | undefined;

/** Starts the side panel's worker and its snapshot reader (the panel's first analysis is asked by ./first-open.ts). */
export function startPanelEngine(): void {
  // Named: its first script expects the reader's port as the first message; the page's first analysis follows it.
  booted = createEngineWorker(PANEL_ENGINE_NAME);
  const reader = new Worker(new URL('./snapshot-reader.worker.ts', import.meta.url), { type: 'module' });
  const channel = new MessageChannel();
  reader.postMessage(null, [channel.port1]);
  booted.postMessage({ readerPort: true }, [channel.port2]);
}

/** The worker started by `startPanelEngine`, handed over once (to ./first-open.ts's client; undefined in the popup and in tests). */
export function takeBootWorker(): Worker | undefined {
  const w = booted;
  booted = undefined;
  return w;
}
