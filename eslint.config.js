import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The engine (src/core, src/cpu) must stay free of React, the DOM and timers. */
const engineRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'motion', 'motion/*', 'zustand', 'zustand/*'], message: 'The engine must not depend on UI libraries.' },
        { group: ['**/ui/*', '**/lab/*', '**/ui', '**/lab'], message: 'The engine must not import the UI or the store.' },
      ],
    },
  ],
  'no-restricted-globals': ['error', 'window', 'document', 'setTimeout', 'setInterval', 'requestAnimationFrame'],
  'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded generator (src/core/rng.ts).' }],
};

export default tseslint.config(
  { ignores: ['dist', 'dist-bench', 'dist-pages', 'bench-results', '*-tmp.mjs', 'node_modules', 'test-results', 'playwright-report', 'docs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The GitHub Pages service worker (plain JavaScript, served as is).
    files: ['public/coi-sw.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/core/**/*.ts', 'src/cpu/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: engineRestrictions,
  },
  {
    // A kind's pure part (claim, fold, view, strings) is importable without React: the fold and the Node tests use it.
    files: ['src/kinds/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/kinds/cards.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'motion', 'motion/*', 'zustand', 'zustand/*'], message: "A kind's pure part must not depend on UI libraries (cards go in Card.tsx)." },
            { group: ['**/ui/*', '**/lab/*', '**/ui', '**/lab', '*.tsx', '**/Card'], message: "A kind's pure part must not import the UI or the lab." },
          ],
        },
      ],
    },
  },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: globals.node } },
);
