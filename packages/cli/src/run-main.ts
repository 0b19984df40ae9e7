import { readFileSync } from "node:fs";
import { type CommandIo, type CommandSpec, parseCommandArgs, renderCommandHelp } from "./command.js";
import { CliError } from "./errors.js";

/**
 * A command as the main help lists it. Its module, and the libraries that module needs (the core, CSV
 * parsing, resvg...), load only when the command runs or shows its help, so `cxprism --version` and
 * `cxprism --help` start at once and each command pays only for what it uses.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Imports the command's module. */
  load(): Promise<CommandSpec>;
}

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "score",
    summary: "score a CSV of initiatives and print the ranking",
    load: async () => (await import("./commands/score.js")).scoreCommand,
  },
  {
    name: "validate",
    summary: "check a CSV of initiatives and report every problem",
    load: async () => (await import("./commands/validate.js")).validateCommand,
  },
  {
    name: "catalog",
    summary: "list the built-in CX AI use cases",
    load: async () => (await import("./commands/catalog.js")).catalogCommand,
  },
  {
    name: "init",
    summary: "write a starter CSV and the default model JSON to edit",
    load: async () => (await import("./commands/init.js")).initCommand,
  },
  {
    name: "model",
    summary: "print the default model, or the JSON Schema of a model",
    load: async () => (await import("./commands/model.js")).modelCommand,
  },
  {
    name: "plot",
    summary: "draw the prism matrix (value vs feasibility) as SVG, PNG or Vega-Lite",
    load: async () => (await import("./commands/plot.js")).plotCommand,
  },
  {
    name: "plan",
    summary: "select and sequence initiatives within a budget (Markdown, JSON or SVG roadmap)",
    load: async () => (await import("./commands/plan.js")).planCommand,
  },
  // Judgement and confidence (#6, #7).
  {
    name: "weights",
    summary: "derive criterion weights from pairwise comparisons (AHP) or a ranking",
    load: async () => (await import("./commands/weights.js")).weightsCommand,
  },
  {
    name: "sensitivity",
    summary: "how confident the ranking is: Monte Carlo, weight stability, other methods, tornado",
    load: async () => (await import("./commands/sensitivity.js")).sensitivityCommand,
  },
];

/** How many problems are printed before "and N more". */
export const PROBLEM_LIMIT = 20;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Renders the top-level help: the commands and a few examples.
 *
 * @returns the help text, ending with a newline
 */
export function renderMainHelp(): string {
  const width = COMMANDS.reduce((widest, command) => Math.max(widest, command.name.length), 0);
  return [
    "cxprism: decide which customer-service AI initiatives to do first.",
    "",
    "Usage: cxprism COMMAND [options]      (cxprism COMMAND --help for a command's options)",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Examples:",
    "  cxprism score examples/contact-center.csv",
    "  cxprism score portfolio.csv --format csv --out ranking.csv",
    "  cxprism catalog --format csv > workshop.csv",
    "  cxprism plot examples/contact-center.csv -o matrix.png",
    "  cxprism plan examples/plan-inputs/portfolio.csv --budget 1500000",
    "",
    "Exit codes: 0 done, 1 problems in the input (each printed as FILE:ROW:COLUMN), 2 usage error,",
    "70 an unexpected internal error (a bug: please report it with the --debug output).",
    "",
  ].join("\n");
}

/** The exit code of an unexpected internal error: `EX_SOFTWARE` of BSD's sysexits.h (1 means bad input). */
export const EXIT_INTERNAL = 70;

/**
 * Runs the CLI on some arguments and returns the exit code; the only place errors become exit codes and
 * messages. Usage errors print the relevant help (exit 2); problems in the input print one line each, at most
 * {@link PROBLEM_LIMIT} (exit 1); anything unexpected prints one line and a hint to rerun with `--debug`
 * (exit {@link EXIT_INTERNAL}, so a script never mistakes a bug for bad input).
 *
 * @param argv - the arguments after `cxprism`
 * @param io - the process streams and environment
 * @param commands - the commands to offer (all of them unless a test narrows it)
 * @returns the exit code: 0, 1, 2 or 70
 */
export async function runMain(
  argv: readonly string[],
  io: CommandIo,
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const debug = argv.includes("--debug");
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(renderMainHelp());
    return 2;
  }
  if (name === "--help" || name === "-h") {
    io.stdout.write(renderMainHelp());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  if (name === "help") {
    const topic = commands.find((command) => command.name === rest[0]);
    io.stdout.write(topic === undefined ? renderMainHelp() : renderCommandHelp(await topic.load()));
    return 0;
  }
  const entry = commands.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    const { suggestNearest } = await import("@cxprism/core");
    const hint = suggestNearest(
      name,
      commands.map((candidate) => candidate.name),
    );
    io.stderr.write(
      `cxprism: expected a command (${commands.map((c) => c.name).join(", ")}), received ${JSON.stringify(name)}${hint ? ` (did you mean "${hint}"?)` : ""}\n\n${renderMainHelp()}`,
    );
    return 2;
  }
  const command = await entry.load();
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout.write(renderCommandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    return await reportError(error, command, io, debug);
  }
}

async function reportError(
  error: unknown,
  command: CommandSpec,
  io: CommandIo,
  debug: boolean,
): Promise<number> {
  if (!(error instanceof CliError)) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`cxprism ${command.name}: unexpected error: ${message.split("\n")[0]}\n`);
    io.stderr.write(
      debug && error instanceof Error && error.stack !== undefined
        ? `${error.stack}\n`
        : "rerun with --debug to see the stack trace\n",
    );
    return EXIT_INTERNAL;
  }
  if (error.code === "usage") {
    io.stderr.write(`cxprism ${command.name}: ${error.message}\n\n${renderCommandHelp(command)}`);
    return 2;
  }
  if (error.problems.length === 0) {
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  const { formatFileProblem } = await import("./csv/locate.js");
  const shown = error.problems.slice(0, PROBLEM_LIMIT);
  io.stderr.write(shown.map((problem) => `${formatFileProblem(problem)}\n`).join(""));
  const more = error.problems.length - shown.length;
  const total = `${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}`;
  io.stderr.write(more > 0 ? `... and ${more} more (${total} in all; fix these and rerun)\n` : `${total}\n`);
  return 1;
}
