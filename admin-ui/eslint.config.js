import root from '../eslint.config.js';

export default [
  ...root,
  {
    // vue-tsc checks identifiers in SFCs (DOM globals included); typescript-eslint turns
    // no-undef off for .ts for the same reason, but not for .vue.
    files: ['**/*.vue'],
    rules: { 'no-undef': 'off' },
  },
];
