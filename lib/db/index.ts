/** Storage of seller-lens: the Dexie schema, capture upserts and per-shop queries. */
export * from './schema';
export * from './keys';
export * from './merge';
export * from './store';
export * from './queries';
export * from './validate';
export * from './fast-records';
export * from './settings-keys';
export * from './blocks';
export * from './base-layer';
