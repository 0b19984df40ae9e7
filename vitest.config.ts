import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources, so tests never run against a stale build.
const SOURCE = "@cxprism/source";

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions], externalConditions: [SOURCE] } },
  test: {
    testTimeout: 30_000,
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
