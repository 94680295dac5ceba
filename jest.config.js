// Four suites: unit (no engine), integration (real Docker engine), e2e (real engine + real Pulumi dynamic-provider
// host, driven by the stand-in engine in tests/support/stack.ts), cli (real engine + the real Pulumi CLI).
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.json" }];
const common = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": tsJest },
  moduleFileExtensions: ["ts", "js", "json"],
  // The e2e programs import the compiled package exactly as users do.
  moduleNameMapper: { "^dockwright$": "<rootDir>/dist/sdk/index.js" },
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.engine/", "<rootDir>/examples/.*/node_modules/"],
};
module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] },
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
    },
    {
      ...common,
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
    },
    {
      ...common,
      displayName: "cli",
      testMatch: ["<rootDir>/tests/cli/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/cli-global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
    },
  ],
  testTimeout: 120000,
};
