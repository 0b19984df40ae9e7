import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The built CLI: the tests run what users run (`pnpm test` builds first). */
export const CLI = fileURLToPath(new URL("../../packages/cli/dist/main.js", import.meta.url));

/** What a run of the CLI printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `cxprism` with arguments, from the repository root, stdout and stderr piped (not a TTY).
 *
 * @param args - the arguments after `cxprism`
 * @param options - stdin (text or bytes) and extra environment
 * @returns exit code, stdout and stderr
 */
export function runCli(
  args: readonly string[],
  options: {
    /** What stdin holds: text, or the bytes of a file (a workbook piped in). */
    readonly input?: string | Uint8Array;
    readonly env?: Readonly<Record<string, string>>;
    readonly cwd?: string;
  } = {},
): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (options.env?.FORCE_COLOR === undefined) delete env.FORCE_COLOR;
  const child = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    env,
    encoding: "utf8",
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/**
 * A fixture's path relative to the root, as a user would type it.
 *
 * @param name - the fixture file name
 * @returns its path
 */
export function fixture(name: string): string {
  return `test/cli/fixtures/${name}`;
}
