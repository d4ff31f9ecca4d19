// Lint rules, including the layer boundaries: detectors and the engine stay pure (no I/O, no clock).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Rules for all of src except the CLI, repeated in the core's stricter set. */
const EDGE_ONLY = [
  { object: 'process', property: 'exit', message: 'Only src/cli/main.ts exits.' },
  {
    object: 'process',
    property: 'env',
    message: 'Configuration is resolved once in the CLI and passed down.',
  },
];

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
    // Everywhere in src but the CLI: no printing, no exiting, no reading the environment.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', '**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', ...EDGE_ONLY],
    },
  },
  {
    // The pure core: no I/O and no clock either (flat config replaces a rule per file set, so the
    // core repeats the edge rules with its own).
    files: [
      'src/detectors/**/*.ts',
      'src/engine/**/*.ts',
      'src/render/**/*.ts',
      'src/signatures/**/*.ts',
      'src/redact/**/*.ts',
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
              group: ['**/cli/**', '**/evidence/offline/**', '**/evidence/live/**', '**/lab/**'],
              message: 'The core must not depend on the CLI, the collectors or the lab.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        ...EDGE_ONLY,
        { object: 'Date', property: 'now', message: 'Use ctx.now: the core has no clock.' },
        { object: 'process', property: 'stdout', message: 'Only the CLI prints.' },
        { object: 'process', property: 'stderr', message: 'Only the CLI prints.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export names explicitly; no `export *`.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use ctx.now: the core has no clock.',
        },
      ],
    },
  },
);
