/** lib/backup: the §9 backup file — format, refusals, one validator, build, preview, streaming restore, its transaction. */
export * from './format';
export * from './refusals';
export * from './parse';
export * from './build';
export { validateBackupSource } from './restore';
export { restoreShop } from './transaction';
export * from './preview';
