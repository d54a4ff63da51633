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
export * from './writer/primitives';
export { storeCaptureBatch } from './writer/capture';
/** Deletes everything of one shop (the one writer's deleteShop; kept under its old name). */
export { deleteShopEverywhere as deleteShopData } from './writer/shop';
