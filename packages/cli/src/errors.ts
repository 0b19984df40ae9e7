import type { FileProblem } from "./csv/locate.js";

/**
 * What went wrong, as a closed set: `usage` (exit 2, with the command's help), `invalid-input` (exit 1, one
 * line per problem), `io` (exit 1, one line: a file that cannot be read or written).
 */
export type CliErrorCode = "usage" | "invalid-input" | "io";

/** The one error the CLI's commands throw; only `runMain` catches it and turns it into an exit code. */
export class CliError extends Error {
  override readonly name = "CliError";
  /** The kind of failure. */
  readonly code: CliErrorCode;
  /** Every problem found in the input (for `invalid-input`). */
  readonly problems: readonly FileProblem[];

  /**
   * @param code - the kind of failure
   * @param message - one line saying what was expected and what was received
   * @param problems - every problem found in the input
   */
  constructor(code: CliErrorCode, message: string, problems: readonly FileProblem[] = []) {
    super(message);
    this.code = code;
    this.problems = problems;
  }
}
