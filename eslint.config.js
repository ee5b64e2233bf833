// Lint rules: typescript-eslint's recommended set, React hooks, and the server/browser boundary.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import simpleImportSort from 'eslint-plugin-simple-import-sort'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'public/build/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'tests/.artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      // One import order everywhere, fixed by `eslint --fix`: packages, then #app/#tests, then relative.
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Typed rules: a promise nobody awaits, a promise where a plain value is expected, a switch
    // that forgets a case. The project service reads tsconfig.json once for all files.
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The classic compiler silently replaces a .server import in browser code with an empty module.
    files: [
      'app/components/**/*.{ts,tsx}',
      'app/utils/**/*.tsx',
      'app/utils/i18n/i18n.ts',
      'app/entry.client.tsx',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*.server', '*.server.*', '**/*.server'],
              message: 'Browser code must not import server-only modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the domain layer talks to the database.
    files: ['app/routes/**/*.{ts,tsx}', 'app/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['#app/db/db.server', '#app/db/sql.server', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'Routes call domain functions; SQL lives in app/domain.',
            },
          ],
        },
      ],
    },
  },
)
