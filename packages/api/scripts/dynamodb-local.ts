/**
 * Starts AWS's DynamoDB Local: the jar shipped in the npm package amplify-dynamodb-simulator, fetched once with
 * `npm pack` into `.cxprism/cache/` and run with the machine's Java (17 or later), in memory, on 127.0.0.1 and a
 * free port. Used by the DynamoDB Local contract run and the portfolio benchmark.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The simulator release whose jar is used (DynamoDB Local 1.25.x inside). */
export const SIMULATOR_VERSION = "2.9.30";
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/**
 * Finds the DynamoDB Local jar, fetching the npm package into the cache the first time.
 *
 * @returns the folder holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib`
 */
export function ensureDynamoDbLocalJar(): string {
  const cache = join(
    process.env.CXPRISM_CACHE_DIR ?? join(ROOT, ".cxprism", "cache"),
    `dynamodb-simulator-${SIMULATOR_VERSION}`,
  );
  const emulator = join(cache, "package", "emulator");
  if (existsSync(join(emulator, "DynamoDBLocal.jar"))) return emulator;
  mkdirSync(cache, { recursive: true });
  execFileSync(
    "npm",
    ["pack", `amplify-dynamodb-simulator@${SIMULATOR_VERSION}`, "--pack-destination", cache],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const tarball = readdirSync(cache).find((name) => name.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack left no tarball in ${cache}`);
  execFileSync("tar", ["xzf", tarball], { cwd: cache });
  if (!existsSync(join(emulator, "DynamoDBLocal.jar")))
    throw new Error(`no DynamoDBLocal.jar in ${emulator}`);
  return emulator;
}

/**
 * Starts DynamoDB Local in memory and waits until it answers.
 *
 * @returns its endpoint and a way to stop it
 */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  const emulator = ensureDynamoDbLocalJar();
  const port = await freePort();
  const child: ChildProcess = spawn(
    "java",
    [
      "-Djava.library.path=./DynamoDBLocal_lib",
      "-jar",
      "DynamoDBLocal.jar",
      "-inMemory",
      "-port",
      String(port),
    ],
    { cwd: emulator, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${log}`);
    try {
      await fetch(endpoint, { method: "POST" });
      break;
    } catch {
      if (attempt > 300) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { endpoint, stop };
}
