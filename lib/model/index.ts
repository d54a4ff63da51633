export * from './schemas';
export * from './time';
export * from './keys';
export * from './parse';
export * from './random';
export * from './optional-text';
export * from './own';
