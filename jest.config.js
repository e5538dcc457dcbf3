const { availableParallelism } = require('node:os');

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
  // A safety limit, not a timing assertion: the CLI-spawning tests run long on a machine shared by other jobs.
  testTimeout: 120000,
  setupFiles: ['<rootDir>/tests/_helpers/jest-setup.js'],
  // jest's default is one worker less than the cores: a single worker on a 2-core machine, where most test
  // files wait on a CLI child process or a loopback server. Two workers at least.
  maxWorkers: Math.max(2, availableParallelism()),
  reporters: ['default', '<rootDir>/tests/_helpers/summary-reporter.js'],
};
