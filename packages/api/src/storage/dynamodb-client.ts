import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";

/** Where the portfolio table lives; every field comes from the host's environment or secrets. */
export interface DynamoDbSettings {
  /** The table name (default `cxprism`). */
  readonly table: string;
  /** AWS region (default `us-east-1`; any value for a local store). */
  readonly region: string;
  /** An endpoint such as `http://127.0.0.1:8000` for a local store; AWS's own when absent. */
  readonly endpoint?: string | undefined;
  /** Static credentials; the SDK's default chain applies when absent (Node only). */
  readonly credentials?:
    | { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }
    | undefined;
  /** SDK attempts per call, retries included (default 3). */
  readonly maxAttempts?: number | undefined;
  /** Milliseconds to wait for an answer before an attempt fails (default 3000). */
  readonly requestTimeoutMs?: number | undefined;
}

/** The name of the TTL attribute that expires idempotency records (epoch seconds). */
export const TTL_ATTRIBUTE = "expiresAt";

/**
 * Reads the store settings from environment variables: `DYNAMODB_TABLE`, `DYNAMODB_ENDPOINT`, `AWS_REGION`,
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
 *
 * @param env - the environment (Node `process.env` or a worker's env)
 * @returns the settings
 */
export function readDynamoDbSettings(env: Readonly<Record<string, string | undefined>>): DynamoDbSettings {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    table: env.DYNAMODB_TABLE || "cxprism",
    region: env.AWS_REGION || "us-east-1",
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
    credentials:
      accessKeyId && secretAccessKey
        ? {
            accessKeyId,
            secretAccessKey,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          }
        : undefined,
  };
}

/**
 * Builds a DynamoDB client with short timeouts, so an unreachable store turns into a 503 within seconds
 * instead of holding the request. `throwOnRequestTimeout` makes the request timeout fail the attempt: without
 * it, @smithy's handler only logs a warning and a store that accepts the connection but never answers
 * holds the request for ever. Worst case: 3 attempts x (2 s connect or 3 s answer) plus backoff, about 10 s.
 * The SDK's logger middleware is removed: with no logger configured it still copies every request and
 * answer item by item to hide sensitive fields from a log nobody writes, which was a fifth of the event
 * loop's time while a 20,000-item portfolio was read or imported.
 *
 * @param settings - endpoint, region and credentials
 * @returns the client
 */
export function createDynamoDbClient(settings: DynamoDbSettings): DynamoDBClient {
  const client = new DynamoDBClient({
    region: settings.region,
    maxAttempts: settings.maxAttempts ?? 3,
    requestHandler: {
      connectionTimeout: 2000,
      requestTimeout: settings.requestTimeoutMs ?? 3000,
      throwOnRequestTimeout: true,
    },
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: { ...settings.credentials } }),
  });
  client.middlewareStack.remove("loggerMiddleware");
  return client;
}

/**
 * Creates the portfolio table (keys `pk`/`sk` as strings, on-demand billing) and turns on TTL for
 * `expiresAt`, unless the table exists already. Waits until the table is active.
 *
 * @param client - the DynamoDB client
 * @param table - the table name
 * @returns `created` or `exists`
 */
export async function createPortfolioTable(
  client: DynamoDBClient,
  table: string,
): Promise<"created" | "exists"> {
  let outcome: "created" | "exists" = "created";
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    outcome = "exists";
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      if (Table?.TableStatus === "ACTIVE") break;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (attempt > 200) throw new Error(`table ${table} did not become active`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    // dynalite has no TTL API; DynamoDB answers a ValidationException when TTL is on already.
    const name = (error as Error).name;
    if (name !== "UnknownOperationException" && name !== "ValidationException") throw error;
  }
  return outcome;
}
