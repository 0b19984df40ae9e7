import { ApiError } from "./problem.js";

/**
 * The bare media type of a `Content-Type` header, lower case, without parameters.
 *
 * @param header - the header value, or undefined
 * @returns e.g. `application/json`, or `""` when absent
 */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/**
 * Whether a bare media type carries JSON: `application/json` or any `application/*+json`.
 *
 * @param type - a media type from {@link mediaTypeOf}
 * @returns true for JSON bodies
 */
export function isJsonMediaType(type: string): boolean {
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Parses a request body as JSON.
 *
 * @param text - the body text
 * @returns the parsed value
 * @throws {@link ApiError} `malformed-body` (400) naming the parser's reason
 */
export function parseJsonBody(text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "unreadable";
    throw new ApiError(
      "malformed-body",
      `expected a JSON document, received text that is not JSON (${reason})`,
    );
  }
  // Only a \u escape can put a surrogate into a string decoded from UTF-8: look further only then (`includes`
  // first: it scans a body many times faster than the pattern).
  if (text.includes("\\u") && /\\u[dD][89a-fA-F]/.test(text)) refuseLoneSurrogates(json);
  return json;
}

/** A UTF-16 surrogate without its partner: with the `u` flag, a well-formed pair is one code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The most lone-surrogate problems listed in one answer. */
const MAX_SURROGATE_PROBLEMS = 20;

/**
 * Refuses ill-formed Unicode anywhere in a JSON body (keys and values): a lone surrogate cannot be stored,
 * percent-encoded into a key or written as UTF-8, so it is refused with 422 before anything is written.
 * The walk uses its own stack, so a deeply nested body cannot overflow the call stack.
 *
 * @param json - the parsed body
 * @throws {@link ApiError} `validation-failed` (422) with a JSON pointer per bad string
 */
export function refuseLoneSurrogates(json: unknown): void {
  const errors: { pointer: string; detail: string }[] = [];
  const stack: [unknown, string][] = [[json, ""]];
  const escapeKey = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");
  const detail = "expected well-formed Unicode text, received a lone UTF-16 surrogate (\\uD800-\\uDFFF)";
  while (stack.length > 0 && errors.length < MAX_SURROGATE_PROBLEMS) {
    const [value, pointer] = stack.pop()!;
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) errors.push({ pointer, detail });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${pointer}/${i}`]);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const at = `${pointer}/${escapeKey(key)}`;
        if (LONE_SURROGATE.test(key)) errors.push({ pointer: at, detail: `${detail} in a key` });
        stack.push([item, at]);
      }
    }
  }
  if (errors.length === 0) return;
  throw new ApiError(
    "validation-failed",
    `The body has ${errors.length === MAX_SURROGATE_PROBLEMS ? "at least " : ""}${errors.length} string${errors.length === 1 ? "" : "s"} with ill-formed Unicode; each is listed in errors.`,
    { errors },
  );
}
