import { PROBLEM_KINDS, PROBLEM_MEDIA_TYPE, type ProblemKind, problemType } from "../http/problem.js";

const RESPONSES = "#/components/responses/";
/** The response every operation may give besides its own: 405 for another method, 500 for a fault. */
const DEFAULT_PROBLEM = "problem";

const kindInfo = (kind: ProblemKind) => PROBLEM_KINDS.find((entry) => entry.kind === kind)!;

const problemContent = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } };

/**
 * An operation's problem responses by status, each a `$ref` to the shared response in `components.responses`.
 *
 * @param kinds - the problem kinds the operation can answer with, each optionally with what causes it there
 *   (`["body-too-large", "the body is over 1048576 bytes"]`)
 * @returns the responses by status, e.g. `{ "422": { $ref, description } }`
 */
export function problemResponses(
  ...kinds: readonly (ProblemKind | readonly [ProblemKind, string])[]
): Record<string, object> {
  return Object.fromEntries(
    kinds.map((entry) => {
      const [kind, cause] = typeof entry === "string" ? [entry, undefined] : entry;
      const { status, title } = kindInfo(kind);
      // OpenAPI 3.1 lets a reference override the description: the operation says what causes the problem.
      const description =
        cause === undefined ? undefined : `${title}: ${cause} (type \`${problemType(kind)}\`).`;
      return [String(status), { $ref: `${RESPONSES}${kind}`, ...(description && { description }) }];
    }),
  );
}

function responseRefs(value: unknown, refs: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) responseRefs(item, refs);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string" && item.startsWith(RESPONSES))
        refs.add(item.slice(RESPONSES.length));
      else responseRefs(item, refs);
    }
  return refs;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Completes the paths' problem responses: every operation gets the `default` problem response (405 when the
 * path exists but not for this method, 500 on a fault), and `components.responses` holds exactly the shared
 * responses the operations refer to.
 *
 * @param paths - the document's path items, changed in place
 * @returns the `components.responses` object
 */
export function completeProblemResponses(
  paths: Record<string, Record<string, unknown>>,
): Record<string, object> {
  for (const pathItem of Object.values(paths))
    for (const [method, operation] of Object.entries(pathItem))
      if (METHODS.includes(method)) {
        const responses = (operation as { responses: Record<string, unknown> }).responses;
        responses.default ??= { $ref: `${RESPONSES}${DEFAULT_PROBLEM}` };
      }
  const used = responseRefs(paths, new Set());
  const components: Record<string, object> = {};
  for (const { kind, status, title } of PROBLEM_KINDS)
    if (used.has(kind))
      components[kind] = {
        description: `${status} ${title} (type \`${problemType(kind)}\`).`,
        content: problemContent,
      };
  if (used.has(DEFAULT_PROBLEM))
    components[DEFAULT_PROBLEM] = {
      description:
        `A problem: ${kindInfo("method-not-allowed").status} when the path exists but not for this method ` +
        `(\`Allow\` lists the methods; type \`${problemType("method-not-allowed")}\`), ` +
        `${kindInfo("internal-error").status} when the server fails (type \`${problemType("internal-error")}\`).`,
      content: problemContent,
    };
  return components;
}
