import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Component tests (*.test.tsx) are typechecked with the app (JSX, Vite's types); the rest with the Node side.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // Stress tests run real threads; 2 cores here, so keep files serial-ish.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
