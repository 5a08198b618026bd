/** Build flag (vite.config.ts): register the cross-origin-isolation service worker (GitHub Pages builds). */
declare const __LOCKSTEP_COI_SW__: boolean;
