import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources, so tests never run against a stale build.
const SOURCE = "@cxprism/source";
/** The attack suite's crash tests (see the "crash" project). */
const CRASH_TESTS = "test/attack/crash-consistency.test.ts";

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
    setupFiles: ["test/fast-check-seed.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
          // Tests of the worker entry run inside workerd, in the project below; the attack suite apart.
          exclude: ["**/node_modules/**", "**/*.workers.test.ts", "test/attack/**"],
        },
      },
      {
        extends: true,
        test: {
          // The attack suite measures the server's latency while it is under attack: it runs after every
          // other project (a higher group), one file at a time, so no other test shares the machine with it.
          name: "attack",
          include: ["test/attack/**/*.test.ts"],
          exclude: ["**/node_modules/**", CRASH_TESTS],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // Its kill -9 tests measure no latency and wait for what they check, so they run beside the other
          // projects (the first group) rather than lengthen the attack suite's sole run.
          name: "crash",
          include: [CRASH_TESTS],
        },
      },
      "packages/api/vitest.workers.config.ts",
    ],
  },
});
