/**
 * Starts the engine worker as the side panel page starts, before the panel's code (React, charts)
 * has loaded: the worker reads the snapshot of the shop the panel opens on while the page starts,
 * so the 概览's request finds it in memory (cold open, issue 14).
 */

import { PANEL_ENGINE_NAME } from './worker-name';

/** A new engine worker (the one place its URL is named, so the bundle holds it once); `name` PANEL_ENGINE_NAME: the side panel's. */
export function createEngineWorker(name?: string): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { ...(name ? { name } : {}), type: 'module' });
}

let booted: Worker | undefined;

/** Starts the side panel's worker and asks it to read ahead the snapshot the panel will show first. */
export function startPanelEngine(): void {
  // Named: its first script starts reading the snapshot on its own; `warm` then reads the 概览's pair ahead.
  booted = createEngineWorker(PANEL_ENGINE_NAME);
  booted.postMessage({ id: 0, kind: 'warm' });
}

/** The worker started by `startPanelEngine`, handed over once (undefined in the popup and in tests). */
export function takeBootWorker(): Worker | undefined {
  const w = booted;
  booted = undefined;
  return w;
}
