/** Public API of the analytics engine (pure; runs in Node, workers and the browser). */
export * from './snapshot';
export * from './phone';
export * from './window';
export * from './sets';
export * from './douyin-tiers';
export * from './propensity-fallback';
export * from './taobao-pathways';
export * from './assets';
export * from './metrics';
export * from './rfm';
export * from './coverage';
export * from './golden-window';
export * from './report';
export * from './propensity';
export * from './affinity';
export * from './preferences';
export * from './lookalike';
