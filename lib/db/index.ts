/** Storage of seller-lens: the Dexie schema, per-shop queries and the one writer's commands. */
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
// Writes only through the one writer's named commands (its building blocks stay behind it).
export * from './writer';
