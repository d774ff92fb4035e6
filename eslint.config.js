// Lint: typescript-eslint's recommended rules everywhere, plus the Electron security rules of
// build/eslint-security.js (checklist items the type checker cannot see).
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { existsSync } from 'node:fs';

const security = existsSync(new URL('./build/eslint-security.js', import.meta.url)) ? (await import('./build/eslint-security.js')).default : [];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron (see DESIGN.md).' }] }],
    },
  },
  { files: ['electron/main/**', 'electron/preload/**', 'test/e2e-electron/**'], rules: { 'no-restricted-imports': 'off' } },
  ...security,
);
