// ESLint 9 flat config: Next's rules (core web vitals, React hooks, TypeScript), run in CI by
// .ci/run through `npm run lint`.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import globals from 'globals';

// Next's config gives every file both browser and Node globals; the service worker has neither
// `process` nor `require`, so those are switched off for it and its own globals switched on.
const nodeOnly = Object.fromEntries(Object.keys(globals.node).map((name) => [name, 'off']));

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    'lib/db/generated/**',
    '.next/**',
    'tests/.artifacts/**',
    'test-results/**',
    'playwright-report/**',
    'bench-results/**',
    'data/**',
    '.prisma-scratch/**',
  ]),
  {
    rules: {
      // Unused code is dead code (CONVENTIONS: no dead code); a leading _ marks a deliberate skip.
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
        ignoreRestSiblings: true,
      }],
      '@typescript-eslint/no-unused-expressions': 'error',
      'max-len': ['error', {
        code: 160,
        ignoreUrls: true,
        ignoreStrings: true,
        ignoreTemplateLiterals: true,
        ignoreRegExpLiterals: true,
      }],
    },
  },
  {
    // Every embedded database comes from lib/db/pglite.ts, which loads the extensions the
    // migrations create (pg_trgm): a plain `new PGlite()` fails at the first migration that needs one.
    files: ['**/*.ts', '**/*.mjs'],
    ignores: ['lib/db/pglite.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='PGlite']",
        message: 'Open the embedded database with newPglite() from lib/db/pglite.ts (it loads the extensions the migrations need).',
      }],
    },
  },
  {
    // Test files render no React: `useTestDatabase()` is vitest's beforeAll/afterAll set-up named
    // like a hook, not a React hook, so the rules of hooks do not apply to them.
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Hand-written plain browser JavaScript, served as is (no bundler, no modules).
    files: ['public/sw.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...nodeOnly, ...globals.serviceworker },
    },
    rules: { 'no-undef': 'error' },
  },
]);
