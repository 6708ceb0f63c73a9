// Type-aware lint for the whole project, plus the pipeline's import boundaries (docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', '**/*.mjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    files: ['src/proxy/**/*.ts', 'src/agent/**/*.ts', 'src/controllers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apiserver/**', '**/store/**', '**/allocator/**'],
              message:
                'proxy/, agent/ and controllers/ know only the Kubernetes API: import api/, client/, net/ or netfilter/ instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts', 'src/netfilter/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/proxy/**', '**/allocator/**'],
              message: 'api/ and netfilter/ are leaves of the pipeline: they import nothing downstream (net/ is fine).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/net/**/*.ts', 'src/exec/**/*.ts', 'src/httpserver/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '../**'],
              message:
                'net/, exec/ and httpserver/ are leaves: they import nothing of the project, only their own files.',
            },
          ],
        },
      ],
    },
  },
);
