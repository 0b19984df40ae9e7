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
  if (issue.type === "strict_object" && issue.expected === "never")
    return { pointer, detail: `expected no field named ${describe(issue.input)} here, received one` };
  if (issue.input === undefined && issue.kind === "schema") expected = "this required field";
  else if (issue.type === "picklist" && issue.expected !== null)
    expected = `one of ${issue.expected.replace(/^\(|\)$/g, "").replaceAll(" | ", ", ")}`;
  else if (!issue.message.startsWith("Invalid ")) expected = issue.message;
  else if (issue.expected === "Object") expected = "an object";
  else if (issue.expected === "Array") expected = "an array";
  else expected = issue.expected ?? "a valid value";
  return { pointer, detail: `expected ${expected}, ${received}` };
}
