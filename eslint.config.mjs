// ESLint (flat config): typescript-eslint's recommended rules plus the type-aware ones that catch
// promise mistakes. Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the web UI may take from the server's code: parsers and the failure signature, which run in a browser as they are. */
const BROWSER_SAFE = [
  'common/human-units',
  'artifacts/parsers/console/console-log',
  'artifacts/parsers/dstat/parse-dstat-csv',
  'artifacts/parsers/memory-tracker/memory-low-points',
  'artifacts/parsers/performance/performance-report',
  'failure-cause/signature',
  'ui/artifacts-first',
  'ui/ui-routes',
];

/** Folders of shared helpers, below every feature module (docs/architecture.md, "Rules the layout keeps"). */
const GROUND = ['api-shapes', 'config', 'logging', 'redis', 'common', 'http', 'database', 'fetch', 'failure-cause'];
const FEATURES = [
  'gerrit',
  'jobs',
  'tasks',
  'queue',
  'scrape',
  'artifacts',
  'test-results',
  'failures',
  'compare',
  'insight',
  'cleanup',
  'health',
  'ui',
  'watch',
];

const NODE_GLOBALS = { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json', './web/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests, benches and scripts read JSON answers whose shape is what they check.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/api-shapes', '**/src/api-shapes/*'],
              allowTypeImports: true,
              message: 'the web UI imports the API shapes as types only',
            },
            {
              regex: `^(\\.\\./)+src/(?!api-shapes(/|$)|(${BROWSER_SAFE.join('|')})$)`,
              message: `the web UI may import from the server only src/api-shapes (types) and the browser-safe modules (${BROWSER_SAFE.join(', ')})`,
            },
          ],
        },
      ],
    },
  },
  {
    // Later blocks replace this rule for the shared folders, whose fence (no feature module at all) covers it.
    files: ['src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+.*\\.controller$',
              message: "another module's controller is its internals: use the providers its module exports",
            },
          ],
        },
      ],
    },
  },
  {
    files: GROUND.map((folder) => `src/${folder}/**`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${FEATURES.join('|')})(/|$)`,
              message: 'a shared helper imports no feature module: move what both need down to a shared folder',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api-shapes/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!\\./)', message: 'src/api-shapes imports only its own files: the web UI and the server both read it' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
