import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const here = new URL(".", import.meta.url).pathname;

// Runs the worker entry inside workerd (Miniflare) with the wrangler configuration: no network needed.
// biome-ignore lint/style/noDefaultExport: vitest loads a config file's default export.
export default defineConfig({
  root: here,
  // Portfolios are mounted against the dynalite that the global setup starts on the Node side.
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: `${here}wrangler.jsonc` },
      miniflare: {
        bindings: {
          DYNAMODB_TABLE: "workers",
          DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
          AWS_REGION: "local",
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          CXPRISM_API_KEYS: inject("apiKeys"),
        },
      },
    })),
  ],
  // The pool sets its own (workerd) resolve conditions, so the core is aliased to its sources directly.
  resolve: {
    alias: [
      { find: /^@cxprism\/core$/, replacement: `${here}../core/src/index.ts` },
      { find: /^@cxprism\/core\/(.+)$/, replacement: `${here}../core/src/entries/$1.ts` },
    ],
  },
  test: {
    name: "workers",
    include: ["src/**/*.workers.test.ts"],
    globalSetup: [`${here}src/workers-dynalite.test-helpers.ts`],
    testTimeout: 30_000,
  },
});
