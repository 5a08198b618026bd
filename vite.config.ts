import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * SharedArrayBuffer needs cross-origin isolation. These headers go on every
 * response (the page, module workers, assets) in `vite dev` and `vite preview`.
 * Set LOCKSTEP_NO_ISOLATION=1 to serve without them (used by the e2e test of
 * the "not isolated" page).
 */
const isolationHeaders: Record<string, string> =
  process.env.LOCKSTEP_NO_ISOLATION === '1'
    ? {}
    : {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      };

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
