/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc --noEmit` in `npm test`; jest only transpiles.
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  // chalk 5 ships as ES modules only: let ts-jest turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(chalk)/)'],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/_helpers/summary-reporter.js'],
};
