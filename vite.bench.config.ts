import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config';

/**
 * The app plus the benchmark page (bench.html), built to dist-bench/ so the
 * benchmark never touches the dist/ the e2e tests serve. `npm run bench`
 * builds with this config and serves it with `vite preview -c vite.bench.config.ts`
 * (same cross-origin isolation headers as the app).
 */
export default mergeConfig(
  base,
  defineConfig({
    build: {
      outDir: 'dist-bench',
      rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    },
  }),
);
