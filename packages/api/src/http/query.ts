import { issueToProblem } from "@cxprism/core";
import * as v from "valibot";
import { ApiError, type ProblemItem } from "./problem.js";

/**
 * A whole-number query parameter within a range; the message names the range.
 *
 * @param min - the least value
 * @param max - the greatest value
 * @returns a schema from the parameter's text to the number
 */
export function integerParam(min: number, max: number) {
  const message = `a whole number from ${min} to ${max}`;
  return v.pipe(
    v.string(),
    v.regex(/^\s*-?\d+\s*$/, message),
    v.transform(Number),
    v.number(),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

/**
 * Reads and checks a route's query parameters. Every problem is reported at once, each naming its parameter
 * in `field`.
 *
 * @param url - the request URL
 * @param schema - an object schema over the parameters (each given as text)
 * @returns the parsed parameters
 * @throws {@link ApiError} `validation-failed` listing every bad parameter
 */
export function readQuery<Schema extends v.GenericSchema<Record<string, string | undefined>, unknown>>(
  url: URL,
  schema: Schema,
): v.InferOutput<Schema> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] = value;
  const parsed = v.safeParse(schema, raw);
  if (parsed.success) return parsed.output;
  const errors: ProblemItem[] = parsed.issues.map((issue) => {
    const field = String(issue.path?.[0]?.key ?? "");
    const problem = issueToProblem(issue, [], { typed: raw[field], subject: `the query parameter ${field}` });
    return { field, detail: problem.message };
  });
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  throw new ApiError("validation-failed", `The query string has ${count}; each is listed in errors.`, {
    errors,
  });
}
