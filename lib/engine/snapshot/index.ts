/**
 * Columnar snapshot of one shop's data: what every engine module reads. Layout and constants in
 * ./types.ts; built by ./build.ts, updated incrementally by ./apply.ts (both through the one
 * record encoding of ./encode.ts), serialised by ./codec.ts, read through ./query.ts.
 */
export * from './types';
export { dayNumberOfInstant } from './columns';
export * from './build';
export * from './apply';
export * from './query';
export * from './codec';
