import { PROBLEM_KINDS } from "../http/problem.js";
import type { OpenApiDocument } from "./openapi-document.js";

type Json = Record<string, unknown>;

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Inline `code` spans from the document's Markdown-ish descriptions; everything else is escaped. */
const prose = (text: unknown) =>
  typeof text === "string" ? escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>") : "";

function schemaName(schema: Json): string | undefined {
  const reference = schema.$ref;
  return typeof reference === "string" ? reference.split("/").pop() : undefined;
}

/** A one-line type for a schema: `string`, `array of Initiative`, `"error" | "neutral"`. */
function typeOf(schema: Json | undefined): string {
  if (schema === undefined) return "any";
  const name = schemaName(schema);
  if (name !== undefined) return `<a href="#schema-${name}">${name}</a>`;
  if (Array.isArray(schema.enum))
    return schema.enum.map((value) => escapeHtml(JSON.stringify(value))).join(" | ");
  if ("const" in schema) return escapeHtml(JSON.stringify(schema.const));
  const union = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(union)) return union.map((member) => typeOf(member)).join(" | ");
  if (schema.type === "array") return `array of ${typeOf(schema.items as Json | undefined)}`;
  if (
    schema.type === "object" &&
    schema.properties === undefined &&
    typeof schema.additionalProperties === "object"
  )
    return `map of ${typeOf(schema.additionalProperties as Json)}`;
  return escapeHtml(String(schema.type ?? "any"));
}

/** The constraints worth reading: ranges, lengths, patterns and defaults. */
function constraintsOf(schema: Json): string {
  const parts: string[] = [];
  const add = (label: string, key: string) => {
    if (schema[key] !== undefined) parts.push(`${label} ${escapeHtml(JSON.stringify(schema[key]))}`);
  };
  add("min", "minimum");
  add("max", "maximum");
  add("min length", "minLength");
  add("max length", "maxLength");
  add("min items", "minItems");
  add("max items", "maxItems");
  add("pattern", "pattern");
  add("default", "default");
  return parts.join(", ");
}

function renderObject(schema: Json, prefix = ""): string {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(properties).flatMap(([name, property]) => {
    const row = `<tr><td><code>${escapeHtml(prefix + name)}</code>${required.has(name) ? " <b>required</b>" : ""}</td><td>${typeOf(property)}</td><td>${constraintsOf(property)}</td><td>${prose(property.description)}</td></tr>`;
    const nested =
      property.type === "object" && property.properties !== undefined
        ? [renderObject(property, `${prefix}${name}.`)]
        : property.type === "array" && (property.items as Json | undefined)?.properties !== undefined
          ? [renderObject(property.items as Json, `${prefix}${name}[].`)]
          : [];
    return [row, ...nested];
  });
  return rows.join("");
}

function renderSchema(name: string, schema: Json): string {
  const body =
    schema.properties === undefined
      ? `<p>${typeOf(schema)}</p>`
      : `<table><thead><tr><th>Field</th><th>Type</th><th>Constraints</th><th>Description</th></tr></thead><tbody>${renderObject(schema)}</tbody></table>`;
  return `<section id="schema-${name}"><h3>${name}</h3><p>${prose(schema.description)}</p>${body}</section>`;
}

function renderOperation(
  path: string,
  method: string,
  operation: Json,
  sharedResponses: Record<string, Json>,
): string {
  const parameters = (operation.parameters ?? []) as Json[];
  const requestBody = operation.requestBody as Json | undefined;
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  const parameterTable =
    parameters.length === 0
      ? ""
      : `<h4>Parameters</h4><table><tbody>${parameters
          .map(
            (parameter) =>
              `<tr><td><code>${escapeHtml(String(parameter.name))}</code> (${escapeHtml(String(parameter.in))})</td><td>${typeOf(parameter.schema as Json)}</td><td>${prose(parameter.description)}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const bodyList =
    requestBody === undefined
      ? ""
      : `<h4>Request body</h4><ul>${Object.entries(requestBody.content as Record<string, Json>)
          .map(
            ([type, media]) => `<li><code>${escapeHtml(type)}</code>: ${typeOf(media.schema as Json)}</li>`,
          )
          .join("")}</ul>`;
  const responseRows = Object.entries(responses)
    .map(([status, reference]) => {
      // A shared response is a `$ref` that may override its description with the operation's own.
      const shared =
        typeof reference.$ref === "string" ? sharedResponses[reference.$ref.split("/").pop()!] : {};
      const response = { ...shared, ...reference };
      const content = (response.content ?? {}) as Record<string, Json>;
      const types = Object.entries(content)
        .map(
          ([type, media]) =>
            `<code>${escapeHtml(type)}</code> ${media.schema ? typeOf(media.schema as Json) : ""}`,
        )
        .join("<br>");
      return `<tr><td>${escapeHtml(status)}</td><td>${prose(response.description)}</td><td>${types}</td></tr>`;
    })
    .join("");
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
  return `<section id="op-${id}"><h3><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3><p><b>${prose(operation.summary)}</b></p><p>${prose(operation.description)}</p>${parameterTable}${bodyList}<h4>Responses</h4><table><tbody>${responseRows}</tbody></table></section>`;
}

/**
 * Renders a readable, self-contained API reference page (inline CSS, no scripts, no network) from the OpenAPI
 * document, with an anchor per problem type so the `type` URIs of problem responses resolve.
 *
 * @param document - the OpenAPI document
 * @returns the HTML page
 */
export function renderDocsHtml(document: OpenApiDocument): string {
  const info = document.info as Json;
  const paths = document.paths as Record<string, Record<string, Json>>;
  const schemas = (document.components as Json).schemas as Record<string, Json>;
  const sharedResponses = ((document.components as Json).responses ?? {}) as Record<string, Json>;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) =>
      renderOperation(path, method, operation, sharedResponses),
    ),
  );
  const problems = PROBLEM_KINDS.map(
    ({ kind, status, title }) =>
      `<tr id="problem-${kind}"><td><code>/docs#problem-${kind}</code></td><td>${status}</td><td>${escapeHtml(title)}</td></tr>`,
  ).join("");
  const title = escapeHtml(String(info.title));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1c2330}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d8dee9;margin-top:2.5rem}h3{margin-top:2rem}
code{font:13px ui-monospace,monospace;background:#f1f4f8;padding:0 .25rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #d8dee9;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.method{background:#2b6cb0;color:#fff;border-radius:3px;padding:0 .4rem;font-size:13px}
nav a{margin-right:1rem}
</style></head><body>
<h1>${title}</h1><p>Version ${escapeHtml(String(info.version))}. ${prose(info.description)}</p>
<nav><a href="#operations">Operations</a><a href="#problems">Problems</a><a href="#schemas">Schemas</a><a href="/openapi.json">openapi.json</a></nav>
<h2 id="operations">Operations</h2>${operations.join("\n")}
<h2 id="problems">Problems</h2><p>Every error is an RFC 9457 <code>application/problem+json</code> object with <code>type</code>, <code>title</code>, <code>status</code> and <code>detail</code>. A 422 lists every problem in <code>errors</code>: a JSON Pointer (<code>pointer</code>) for JSON bodies, <code>row</code>, <code>column</code> and <code>field</code> for CSV bodies. A 500 carries the request id of its log entry in the <code>X-Request-Id</code> header.</p>
<table><thead><tr><th>type</th><th>status</th><th>title</th></tr></thead><tbody>${problems}</tbody></table>
<h2 id="schemas">Schemas</h2>${Object.entries(schemas)
    .map(([name, schema]) => renderSchema(name, schema))
    .join("\n")}
</body></html>
`;
}
