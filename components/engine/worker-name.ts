/**
 * The name the side panel gives its engine worker (components/engine/boot.ts): the worker's first
 * script (./engine.worker.ts) reads `self.name` and, being the panel's, expects the snapshot reader's
 * handover (./snapshot-reader.worker.ts) instead of reading early itself, and loads the engine's code
 * at once. A tiny module of its own, so neither side imports the other's code for it.
 */
export const PANEL_ENGINE_NAME = 'seller-lens-panel-engine';
