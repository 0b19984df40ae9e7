import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A Node API server running in a child process, as `pnpm serve` runs it. */
export interface ServerProcess {
  readonly url: string;
  /** The server's process id (its memory can be read from /proc). */
  readonly pid: number;
  /** Everything the server printed on stdout so far. */
  readonly stdout: () => string;
  /** Everything the server printed on stderr so far: its request log and any error. */
  readonly stderr: () => string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL, as `kill -9`: no clean-up runs) and waits for it to exit. */
  kill(): Promise<void>;
}

/**
 * Starts `packages/api/src/node.ts` on 127.0.0.1 and a free port, with extra environment.
 *
 * @param env - CXPRISM_DATA_DIR, CXPRISM_API_KEYS, DYNAMODB_ENDPOINT...
 * @param nodeArgs - options for node itself, such as `--cpu-prof` (benches profile the server this way)
 * @returns the running server once it listens
 */
export async function startServerProcess(
  env: Readonly<Record<string, string>>,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    nodeArgs.concat(["--import", "tsx", "--conditions=@cxprism/source", "packages/api/src/node.ts"]),
    {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 30 s:\n${out}\n${err}`)),
      30_000,
    );
    const check = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(name);
    await exited;
  };
  return {
    url,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    stop: () => signal("SIGTERM"),
    kill: () => signal("SIGKILL"),
  };
}
