import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Stress tests run real threads; 2 cores here, so keep files serial-ish.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
