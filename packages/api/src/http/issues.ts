import { toJsonPointer } from "@cxprism/core";
import type * as v from "valibot";
import type { ProblemItem } from "./problem.js";

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  return typeof value === "object" ? "an object" : String(value);
}

/**
 * Turns a valibot issue on the request envelope into a problem item with a JSON Pointer.
 *
 * @param issue - the issue
 * @returns the problem item: where, and what was expected versus received
 */
export function issueToItem(issue: v.BaseIssue<unknown>): ProblemItem {
  const pointer = toJsonPointer((issue.path ?? []).map((item) => item.key as string | number));
  const received = `received ${describe(issue.input)}`;
  let expected: string;
  if (issue.type === "strict_object" && issue.expected === "never") expected = "no such field";
  else if (issue.input === undefined && issue.kind === "schema") expected = "this required field";
  else if (issue.type === "picklist")
    expected = `one of ${(issue.requirement as readonly string[]).map((option) => JSON.stringify(option)).join(", ")}`;
  else if (!issue.message.startsWith("Invalid ")) expected = issue.message;
  else if (issue.expected === "Object") expected = "an object";
  else if (issue.expected === "Array") expected = "an array";
  else expected = issue.expected ?? "a valid value";
  return { pointer, detail: `expected ${expected}, ${received}` };
}
