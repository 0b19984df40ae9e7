/** What went wrong, as a closed set of codes callers can switch on. */
export type CxprismErrorCode = "invalid-model" | "invalid-input" | "invalid-options" | "not-converged";

/** A path into the input: object keys and array indices, outermost first. */
export type ProblemPath = readonly (string | number)[];

/** One problem with the input: where it is and what was expected there. */
export interface Problem {
  /** Where the problem is, e.g. `["initiatives", 3, "ratings", "data_readiness"]`. */
  readonly path: ProblemPath;
  /** What was expected and what was received, e.g. `expected a number from 1 to 5, received "high"`. */
  readonly message: string;
}

/**
 * The one error cxprism's core throws. It carries every problem found, not only the first.
 *
 * @example
 * try { score(rows) } catch (error) {
 *   if (error instanceof CxprismError) lines = error.problems.map(formatProblem);
 * }
 */
export class CxprismError extends Error {
  override readonly name = "CxprismError";
  /** The kind of failure. */
  readonly code: CxprismErrorCode;
  /** Every problem found, in input order. */
  readonly problems: readonly Problem[];

  /**
   * @param code - the kind of failure
   * @param problems - every problem found (at least one)
   */
  constructor(code: CxprismErrorCode, problems: readonly Problem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(first ? `${formatProblem(first)}${more}` : code);
    this.code = code;
    this.problems = problems;
  }
}

/**
 * Renders a path as JavaScript-style access: `initiatives[3].ratings.data_readiness`.
 *
 * @param path - the path to render
 * @returns the dotted path, or `(root)` for an empty path
 */
export function formatPath(path: ProblemPath): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text === "" ? "(root)" : text;
}

/**
 * Renders a path as an RFC 6901 JSON Pointer: `/initiatives/3/ratings/data_readiness`.
 *
 * @param path - the path to render
 * @returns the pointer (`""` for the root)
 */
export function toJsonPointer(path: ProblemPath): string {
  return path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/**
 * Renders one problem as a line: `initiatives[3].ratings.data_readiness: expected ...`.
 *
 * @param problem - the problem to render
 * @returns one line of text
 */
export function formatProblem(problem: Problem): string {
  return `${formatPath(problem.path)}: ${problem.message}`;
}
