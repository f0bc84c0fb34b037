// Lint for Thread: typescript-eslint's recommended rules, the type-aware rules that catch real bugs (a promise
// nobody awaits, a promise where a callback is expected, a switch that forgets a case), and DESIGN.md's layer
// rules as import rules, so breaking a layer fails the build instead of a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

/** DESIGN.md "Layers": arrows point down only. Each zone is one "never" of the design. */
const layerZones = [
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message: 'domain is pure logic: it imports nothing else from src (DESIGN.md, Layers).',
  },
  {
    target: './src/services',
    from: ['./src/slack', './src/http', './src/jobs', './src/cli'],
    message: 'services never import the Slack, HTTP, jobs or CLI layers: hand them facts through a port instead.',
  },
  {
    target: './src/connectors',
    from: ['./src/services', './src/slack', './src/http', './src/jobs', './src/cli', './src/db'],
    message: 'connectors never import services or the layers above them: they return Thread’s own types.',
  },
  {
    target: ['./src/slack', './src/http'],
    from: ['./src/db'],
    message: 'listeners and routes never touch the database: call a service.',
  },
];

/** Modules that do I/O or read the clock's environment: never in domain. */
const domainForbiddenModules = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'pg',
  '@prisma/*',
  '@slack/*',
  'nodemailer',
  'express',
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'src/db/generated/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.js', '.mjs', '.json'] } },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/config.ts only (DESIGN.md).' },
      ],
    },
  },
  {
    // Outside src, process.env is how tests and tools are configured.
    files: ['tests/**', 'bench/**', 'scripts/**', 'src/config.ts', 'src/cli/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: domainForbiddenModules, message: 'domain does no I/O: pass data and time in.' }] },
      ],
    },
  },
  {
    files: ['src/slack/**/*.ts', 'src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@prisma/*', '**/db/*', '**/db/**'],
              message: 'listeners and routes never touch Prisma: call a service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/journeys/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@prisma/*', 'pg', '**/src/db/**', '**/support/test-database', '**/support/service-context'],
              message: 'a journey plays through public surfaces only: no database code (DESIGN.md, Reachability).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
