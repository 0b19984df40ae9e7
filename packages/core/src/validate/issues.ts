import type * as v from "valibot";
import type { Problem, ProblemPath } from "../errors.js";

/** Renders a received value for a message: strings quoted (long ones cut), NaN and Infinity by name. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    // Echo enough to recognise the value, never a whole pasted paragraph.
    return value.length > 80
      ? `${JSON.stringify(value.slice(0, 60))}... (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (typeof value === "number") return String(value);
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  return typeof value === "object" ? "an object" : String(value);
}

/** Options for {@link issueToProblem}. */
export interface IssueWording {
  /**
   * The value as the person typed it, when the schema saw a transformed one (a query parameter's text before
   * it became a number): the message echoes this instead.
   */
  readonly typed?: string | undefined;
  /** What the value is, when the path alone does not say it: "the query parameter top". */
  readonly subject?: string | undefined;
}

/**
 * Converts a valibot issue into a problem whose path starts with `prefix`: the one formatter behind every
 * message the library, the CLI and the API give for schema problems ("expected ..., received ...").
 *
 * @param issue - the valibot issue
 * @param prefix - the path of the checked value within the whole input
 * @param wording - how to echo the received value
 * @returns the problem: its path, and what was expected versus received
 */
export function issueToProblem(
  issue: v.BaseIssue<unknown>,
  prefix: ProblemPath,
  wording: IssueWording = {},
): Problem {
  const path = [...prefix, ...(issue.path ?? []).map((item) => item.key as string | number)];
  const [expected, received] = issueWords({ ...issue, input: wording.typed ?? issue.input });
  const subject = wording.subject === undefined ? "" : ` for ${wording.subject}`;
  return { path, message: `expected ${expected}${subject}${received === undefined ? "" : `, ${received}`}` };
}

/** An issue in words: what was expected, and what was received (absent when the value is an object). */
function issueWords(issue: v.BaseIssue<unknown>): readonly [expected: string, received: string | undefined] {
  const received = `received ${describeValue(issue.input)}`;
  if (issue.type === "strict_object" && issue.expected === "never")
    return ["a known field", `received unknown field ${describeValue(issue.input)}`];
  if (issue.input === undefined && issue.kind === "schema")
    return ["this required field", "received nothing"];
  const custom = !issue.message.startsWith("Invalid ");
  if (issue.type === "check" || issue.type === "raw_check") {
    const primitive = issue.input === null || typeof issue.input !== "object";
    return [issue.message, primitive ? received : undefined];
  }
  if (custom) return [issue.message, received];
  const requirement = issue.requirement as unknown;
  const isText = typeof issue.input === "string";
  switch (issue.type) {
    case "min_length":
      return [
        isText ? `text of at least ${requirement} character(s)` : `at least ${requirement} item(s)`,
        received,
      ];
    case "max_length":
      return isText
        ? [
            `text of at most ${requirement} characters`,
            `received ${(issue.input as string).length} characters`,
          ]
        : [`at most ${requirement} items`, `received ${(issue.input as unknown[]).length} items`];
    case "min_value":
      return [`a number of at least ${requirement}`, received];
    case "max_value":
      return [`a number of at most ${requirement}`, received];
    case "finite":
      return ["a finite number", received];
    case "integer":
      return ["a whole number", received];
    case "picklist":
      return [
        `one of ${(issue.expected ?? "")
          .replace(/^\(|\)$/g, "")
          .split(" | ")
          .join(", ")}`,
        received,
      ];
    default:
      return [humanType(issue.expected), received];
  }
}

function humanType(expected: string | null): string {
  switch (expected) {
    case "number":
      return "a number";
    case "string":
      return "text";
    case "Object":
      return "an object";
    case "Array":
      return "an array";
    case null:
      return "a valid value";
    default:
      return expected;
  }
}
