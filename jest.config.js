// Two projects: fast unit tests (parsers, query forms) and e2e tests that boot the real app
// against MariaDB + Redis and again against SQLite + the in-process queue.
const common = {
  moduleFileExtensions: ['js', 'json', 'ts', 'tsx'],
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
};
module.exports = {
  testTimeout: 20000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/e2e/test-timeout.ts'],
    },
  ],
};
