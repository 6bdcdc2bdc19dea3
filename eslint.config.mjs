// Lint for the TypeScript sources (nodes/, sandbox/, scripts/) and the JavaScript tests and
// benchmarks: eslint's and typescript-eslint's recommended rules, nothing more. `npm test` runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder',
    'fetch', 'Headers', 'Request', 'Response', 'FormData', 'structuredClone', 'queueMicrotask',
    'performance', 'global', 'globalThis'].map((name) => [name, 'readonly']),
);
const mochaGlobals = Object.fromEntries(
  ['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach', 'context', 'specify']
    .map((name) => [name, 'readonly']),
);
// Code the tests hand to the browser (page.evaluate) runs there, not in Node.
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'RED', '$', 'jQuery', 'getComputedStyle', 'HTMLElement', 'Event',
    'KeyboardEvent', 'MouseEvent', 'navigator', 'location', 'TwilioEditor', 'requestAnimationFrame'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  { ignores: ['dist/**', 'node_modules/**', 'resources/**', 'test-artifacts/**', '.node-red-data/**'] },
  {
    files: ['nodes/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // Node-RED's constructor idiom: `const node = this;` in a node's constructor function.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
    },
  },
  {
    files: ['test/**/*.js', 'bench/**/*.js', '.mocharc.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      ecmaVersion: 2022,
      globals: { ...nodeGlobals, ...mochaGlobals },
    },
  },
  {
    files: ['test/editor/**/*.js'],
    languageOptions: { globals: browserGlobals },
  },
  {
    // The editor's sources, bundled by esbuild into resources/twilio-editor.js.
    files: ['editor/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'module',
      ecmaVersion: 2022,
      globals: { ...browserGlobals, setTimeout: 'readonly', clearTimeout: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // An unused catch binding or a leading `_name` parameter is deliberate.
    files: ['**/*.ts', '**/*.js'],
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
);
