// The hygiene gate's lint (issue 12 item 6): import rules first — no cycles, lib/ never imports
// components/ or entrypoints/, the engine never imports lib/db, React and Dexie stay out of lib/
// (Dexie only in lib/db and the restore transaction the writer wraps) — plus typescript-eslint's
// recommended rules. `npm run lint` runs it with knip (unused files, exports and dependencies).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const reactAndDexie = [
  { name: 'react', message: 'lib/ is pure: React lives in components/ and entrypoints/.' },
  { name: 'react-dom', message: 'lib/ is pure: React lives in components/ and entrypoints/.' },
  { name: 'dexie-react-hooks', message: 'lib/ is pure: React lives in components/ and entrypoints/.' },
  { name: 'dexie', message: 'IndexedDB is lib/db’s: write through lib/db/writer.ts, read through lib/db/queries.ts.' },
];

export default tseslint.config(
  {
    ignores: [
      '.output*/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/dist*/**',
      'tests/fixtures/pages/**/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true, project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './lib', from: './components', message: 'lib/ never imports components/.' },
            { target: './lib', from: './entrypoints', message: 'lib/ never imports entrypoints/.' },
            { target: './lib/engine', from: './lib/db', message: 'The engine is pure: it never imports lib/db.' },
          ],
        },
      ],
      // TypeScript checks these better than the lint can (undefined globals, unused locals are tsc's).
      'no-undef': 'off',
      // `if (f) (x |= ACT), act++;` — the comma sequence is this codebase's idiom in hot loops.
      '@typescript-eslint/no-unused-expressions': 'off',
      // The XHR tap keeps the request it wraps for its listeners.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['xhr'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests feed hostile and lossy input on purpose (ids past 2^53, control characters, `as any`).
    files: ['tests/**/*.{ts,tsx}'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { 'no-loss-of-precision': 'off', 'no-control-regex': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    ignores: ['lib/db/**', 'lib/backup/transaction.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: reactAndDexie }] },
  },
  {
    files: ['lib/db/**/*.{ts,tsx}', 'lib/backup/transaction.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: reactAndDexie.filter((p) => p.name !== 'dexie') }] },
  },
);
