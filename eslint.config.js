import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/utils', '**/helpers'], message: 'Name modules after what they do.' }] }],
    },
  },
  {
    files: ['src/analysis/**/*.ts', 'src/disclosure/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/storage/**', '**/web/**', '**/cli/**', '**/reporting/**', 'node:*', 'fs', 'pg', 'better-sqlite3', 'kysely'], message: 'analysis and disclosure are pure: numbers in, plain objects out.' },
      ] }],
    },
  },
  {
    files: ['src/definition/**/*.ts', 'src/register/**/*.ts', 'src/responses/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/storage/**', '**/web/**', '**/cli/**', '**/reporting/**', '**/analysis/**'], message: 'Layers import one way (see DESIGN.md).' },
      ] }],
    },
  },
  {
    files: ['src/storage/**/*.ts', 'src/reporting/**/*.ts', 'src/surveys/**/*.ts', 'src/operations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/web/**', '**/cli/**'], message: 'Nothing below the composition roots knows about HTTP or the terminal.' },
      ] }],
    },
  },
);
