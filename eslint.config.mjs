// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const LIBS = ['shared', 'auth', 'audit', 'organisations', 'ledger', 'donations', 'membership', 'banking', 'funding', 'testing'];

export default tseslint.config(
  { ignores: ['config/**', 'dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      // Libraries are used through their public surface only (ARCHITECTURE.md).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@dachwerk/*/**'], message: 'Import a library only from @dachwerk/<lib>.' },
            { group: ['**/libs/**', ...LIBS.map((lib) => `../**/${lib}/*`)], message: 'Import other libraries via @dachwerk/<lib>.' },
          ],
        },
      ],
    },
  },
  {
    // Domain rules read "today" from the injectable Clock, so the demo and tests can run
    // them as of any day (a rule on the wall clock broke the demo seed on 2026-11-27).
    files: ['libs/**/*.service.ts', 'libs/**/*.handlers.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='todayIso'][arguments.length=0]", message: 'Use Clock.today() (injected), not the wall clock.' },
      ],
    },
  },
  {
    // The web app (apps/web) is browser code with its own tsconfig; it reaches the API over
    // HTTP only, and shares nothing with the back end but the pure formats module.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@dachwerk/*', '!@dachwerk/formats', '**/libs/**'], message: 'The web app uses the API over HTTP, and @dachwerk/formats.' },
          ],
        },
      ],
    },
  },
  {
    // Tests assert on untyped JSON bodies and raw SQL rows.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
