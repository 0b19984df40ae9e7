/**
 * `pnpm --filter @cxprism/api test:dynamodb-local`: runs the storage contract suite against AWS's DynamoDB
 * Local (see dynamodb-local.ts; needs Java 17+ and the npm registry on first use). Exits with vitest's code.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startDynamoDbLocal } from "./dynamodb-local.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const local = await startDynamoDbLocal();
console.log(`DynamoDB Local on ${local.endpoint}`);
let status = 1;
try {
  const run = spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL("../../../node_modules/vitest/vitest.mjs", import.meta.url)),
      "run",
      "packages/api/src/storage/dynamodb-store.dynamodb-local.test.ts",
    ],
    { cwd: ROOT, stdio: "inherit", env: { ...process.env, CXPRISM_DYNAMODB_LOCAL_ENDPOINT: local.endpoint } },
  );
  status = run.status ?? 1;
} finally {
  await local.stop();
}
process.exit(status);
