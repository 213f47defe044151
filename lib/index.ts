export * from './core/index.js';
export * from './catalog/index.js';
export * from './policy/index.js';
export * from './nest/index.js';
export * from './metrics/index.js';
