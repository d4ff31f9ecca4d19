// Lint rules, including the layer boundaries: detectors and the engine stay pure (no I/O, no clock).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node scripts and the launcher are plain JavaScript run by Node.
    files: ['scripts/**/*.mjs', 'bin/**', 'eslint.config.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export names explicitly; no `export *`.' },
      ],
    },
  },
  {
    files: [
      'src/detectors/**/*.ts',
      'src/engine/**/*.ts',
      'src/render/**/*.ts',
      'src/signatures/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:fs',
                'node:fs/*',
                'fs',
                'node:net',
                'node:http',
                'node:https',
                'node:child_process',
                '@kubernetes/*',
              ],
              message: 'Detectors, engine and renderers are pure: no I/O.',
            },
            {
              group: ['**/cli/**', '**/evidence/offline/**'],
              message: 'The core must not depend on the CLI or on parsers.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use ctx.now: detectors have no clock.' },
        {
          object: 'process',
          property: 'env',
          message: 'Configuration is resolved once in the CLI and passed down.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', '**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli/main.ts exits.' },
        {
          object: 'process',
          property: 'env',
          message: 'Configuration is resolved once in the CLI and passed down.',
        },
      ],
    },
  },
);
