/**
 * `pnpm --filter @cxprism/api db:create`: creates the portfolio table (keys `pk`/`sk`, on-demand, TTL on
 * `expiresAt`) unless it exists. Settings from the environment: `DYNAMODB_TABLE` (default `cxprism`),
 * `DYNAMODB_ENDPOINT` (e.g. `http://127.0.0.1:8000` for a local store), `AWS_REGION`, and credentials from
 * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` or the SDK's default chain.
 */
import {
  createDynamoDbClient,
  createPortfolioTable,
  readDynamoDbSettings,
} from "../src/storage/dynamodb-client.js";

const settings = readDynamoDbSettings(process.env);
const client = createDynamoDbClient(settings);
try {
  const outcome = await createPortfolioTable(client, settings.table);
  console.log(
    `table ${settings.table} ${outcome === "created" ? "created" : "already exists"} at ${settings.endpoint ?? `AWS ${settings.region}`}`,
  );
} catch (error) {
  console.error(`db:create: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
} finally {
  client.destroy();
}
