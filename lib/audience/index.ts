/** Public API of audiences (SPEC §6): tags, expressions, saved audiences, exports, conversion (相似人群 and 人货匹配 are the engine's: lib/engine/lookalike.ts, affinity.ts). */
export * from './expression';
export * from './tags';
export * from './evaluate';
export * from './saved';
export * from './conversion';
export * from './export';
