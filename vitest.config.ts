import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources, so tests never run against a stale build.
const SOURCE = "@cxprism/source";

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  // Without "module": Node loads externalised dependencies itself, and some (the AWS SDK) point "module" at
  // bundler-only ESM with extensionless imports.
  ssr: {
    resolve: {
      conditions: [SOURCE, ...defaultServerConditions.filter((condition) => condition !== "module")],
      externalConditions: [SOURCE],
    },
  },
  test: {
    // Generous: the end-to-end tests (real servers, browsers, packing) must not fail on a busy CI machine.
    testTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
          // Tests of the worker entry run inside workerd, in the project below.
          exclude: ["**/node_modules/**", "**/*.workers.test.ts"],
        },
      },
      "packages/api/vitest.workers.config.ts",
    ],
  },
});
