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
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "unreadable";
    throw new ApiError(
      "malformed-body",
      `expected a JSON document, received text that is not JSON (${reason})`,
    );
  }
}
