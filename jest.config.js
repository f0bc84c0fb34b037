/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 30000,
  // Most suites wait on a database, a child process or HTTP as much as on the CPU: one worker per core (jest's
  // default leaves one core idle) ran the suite about 1.5× faster on the 2-core CI machines.
  maxWorkers: '100%',
};
