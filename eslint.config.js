// Flat config: typescript-eslint's recommended rules on everything we ship and test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SPAWN_ONLY_IN_DOCKER = 'Spawn docker through src/docker/ only.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Only src/docker/ may spawn processes; everything else goes through the adapter.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'node:child_process', message: SPAWN_ONLY_IN_DOCKER }],
        },
      ],
    },
  },
  {
    files: ['src/docker/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/docker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:child_process', message: SPAWN_ONLY_IN_DOCKER },
            { name: 'child_process', message: SPAWN_ONLY_IN_DOCKER },
            { name: 'execa', message: SPAWN_ONLY_IN_DOCKER },
          ],
        },
      ],
      // The same for dynamic imports, which src/docker itself uses (execa on first use).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(node:)?child_process$|^execa$/]',
          message: SPAWN_ONLY_IN_DOCKER,
        },
      ],
    },
  },
);
