/**
 * The name the side panel gives its engine worker (components/engine/boot.ts): the worker's first
 * script (./engine.worker.ts) reads `self.name` and starts its early read at once, without waiting
 * for the page's `warm` message (which came behind the engine code's compile, ~70–100 ms later in a
 * new browser). A tiny module of its own, so neither side imports the other's code for it.
 */
export const PANEL_ENGINE_NAME = 'seller-lens-panel-engine';
