/** Public API of audiences (SPEC §6): tags, expressions, saved audiences, exports, conversion, lookalike. */
export * from './expression';
export * from './tags';
export * from './evaluate';
export * from './saved';
export * from './conversion';
export * from './export';
export * from './similar';
