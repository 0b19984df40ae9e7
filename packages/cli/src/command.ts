import { parseArgs } from "node:util";
import { CliError } from "./errors.js";

/** One option of a command, as `node:util` parseArgs takes it plus what the help shows. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The placeholder shown in help, e.g. `FILE`. */
  readonly value?: string;
  readonly description: string;
}

/** Where a command reads and writes: the process in production, fakes nowhere (tests spawn the binary). */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** What a command receives: its options and positionals, already parsed. */
export interface CommandArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** A sub-command: its help text and what it runs. */
export interface CommandSpec {
  readonly name: string;
  /** The usage line after `cxprism`, e.g. `score FILE|- [options]`. */
  readonly usage: string;
  /** A paragraph or two on what it does. */
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** How many positionals it takes. */
  readonly positionals: { readonly min: number; readonly max: number };
  /** Example command lines, each with a comment. */
  readonly examples: readonly (readonly [command: string, comment: string])[];
  /**
   * Runs the command.
   *
   * @returns the exit code (0, or 1 when the command found problems it has already printed)
   */
  run(args: CommandArgs, io: CommandIo): Promise<number>;
}

/**
 * Identity helper that types a command spec.
 *
 * @param spec - the command
 * @returns the same command
 */
export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: "boolean", short: "h", description: "show this help" },
  debug: { type: "boolean", description: "print the stack trace of an unexpected error" },
};

/**
 * Parses a command's arguments strictly: an unknown option, a missing value or a wrong number of positionals
 * is a usage error.
 *
 * @param spec - the command
 * @param argv - the arguments after the command name
 * @returns the parsed options and positionals
 * @throws {@link CliError} with code `usage`
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): CommandArgs {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [name, option] of Object.entries({ ...spec.options, ...COMMON_OPTIONS }))
    options[name] =
      option.short === undefined ? { type: option.type } : { type: option.type, short: option.short };
  // `--top -1` would be "ambiguous" to parseArgs; as `--top=-1` it is a value the option's reader can judge.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      options[name]?.type === "string" &&
      next !== undefined &&
      /^-[\d.]/.test(next)
    ) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError("usage", (error as Error).message.split("\n")[0]!);
  }
  // No option is declared `multiple`, so every value is a string or a boolean.
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (values.help === true) return { values, positionals };
  const { min, max } = spec.positionals;
  if (positionals.length < min)
    throw new CliError("usage", `expected ${spec.usage.split(" ")[1] ?? "an argument"}, received nothing`);
  if (positionals.length > max)
    throw new CliError(
      "usage",
      `expected at most ${max} argument(s), received ${positionals.length}: ${positionals.map((p) => JSON.stringify(p)).join(" ")}`,
    );
  return { values, positionals };
}

/**
 * Renders a command's help: usage, description, options and examples.
 *
 * @param spec - the command
 * @returns the help text, ending with a newline
 */
export function renderCommandHelp(spec: CommandSpec): string {
  const all = { ...spec.options, ...COMMON_OPTIONS };
  const flags = Object.entries(all).map(([name, option]) => {
    const short = option.short === undefined ? "    " : `-${option.short}, `;
    return [
      `${short}--${name}${option.value === undefined ? "" : ` ${option.value}`}`,
      option.description,
    ] as const;
  });
  const width = flags.reduce((widest, [flag]) => Math.max(widest, flag.length), 0);
  const lines = [
    `Usage: cxprism ${spec.usage}`,
    "",
    spec.description,
    "",
    "Options:",
    ...flags.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    "",
    "Examples:",
    ...spec.examples.flatMap(([command, comment]) => [`  # ${comment}`, `  ${command}`]),
  ];
  return `${lines.join("\n")}\n`;
}
