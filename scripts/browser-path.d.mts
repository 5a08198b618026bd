/** Types for scripts/browser-path.mjs (imported by playwright.config.ts). */
export declare const CHROMIUM_ARGS: string[];
export declare const SYSTEM_CHROMIUM_NAMES: string[];
export declare function isExecutable(p: string | undefined): boolean;
export declare function findSystemChromium(env?: NodeJS.ProcessEnv): string | undefined;
export declare function resolveChromium(env?: NodeJS.ProcessEnv): string | undefined;
