import { issueToProblem, toJsonPointer } from "@cxprism/core";
import type * as v from "valibot";
import type { ProblemItem } from "./problem.js";

/**
 * Turns a valibot issue on the request envelope into a problem item with a JSON Pointer, worded by the
 * core's one issue formatter so the API, the CLI and the library say the same thing.
 *
 * @param issue - the issue
 * @returns the problem item: where, and what was expected versus received
 */
export function issueToItem(issue: v.BaseIssue<unknown>): ProblemItem {
  const problem = issueToProblem(issue, []);
  return { pointer: toJsonPointer(problem.path), detail: problem.message };
}
