import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources, so tests never run against a stale build. Vitest
// runs tests in Vite's SSR environment, which takes its conditions from `ssr.resolve`.
const conditions = ["@cxprism/source"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
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
