import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest reads constructor types from `design:paramtypes`; the transform must emit legacy
  // decorators with decorator metadata, as `tsc` does under `emitDecoratorMetadata`.
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
  },
  test: {
    include: ['test/**/*.spec.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    restoreMocks: true,
  },
});
