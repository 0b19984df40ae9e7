import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../config/deps.js";
import { createOpenApiDocument } from "./openapi-document.js";

// The whole document, portfolios included, so that every operation (whoever adds it) is linted and checked.
const document = createOpenApiDocument(DEFAULT_LIMITS, "0.1.0", { portfolios: true }) as {
  servers: unknown[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, unknown> };
};

interface Operation {
  readonly operationId?: string;
  readonly security?: unknown[];
  readonly parameters?: { in: string }[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, { $ref?: string }>;
}

interface LintProblem {
  readonly ruleId: string;
  readonly severity: "error" | "warn";
  readonly message: string;
  readonly location: { pointer: string }[];
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.has(method))
    .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, operation })),
);

const work = mkdtempSync(join(tmpdir(), "cxprism-openapi-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs Redocly's linter with its recommended rules on the document; a temporary folder holds no config. */
function lint(): { totals: { errors: number; warnings: number }; problems: LintProblem[] } {
  const file = join(work, "openapi.json");
  writeFileSync(file, JSON.stringify(document));
  const redocly = fileURLToPath(new URL("../../node_modules/.bin/redocly", import.meta.url));
  try {
    return JSON.parse(
      execFileSync(redocly, ["lint", file, "--extends=recommended", "--format=json"], {
        cwd: work,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
  } catch (error) {
    // Redocly exits 1 when it finds errors; its report is still on stdout.
    return JSON.parse((error as { stdout: string }).stdout);
  }
}

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules without errors", { timeout: 60_000 }, () => {
    const { problems } = lint();
    expect(problems.filter((problem) => problem.severity === "error")).toEqual([]);
    // The one warning allowed: a 4XX response on operations that read no input at all (the health check,
    // the catalog, the default model, this document and the reference page), which have none to give.
    const unexpected = problems.filter((problem) => {
      if (problem.ruleId !== "operation-4xx-response") return true;
      const [, path, method] = /^#\/paths\/([^/]+)\/([a-z]+)\/responses$/.exec(problem.location[0]!.pointer)!;
      const operation = document.paths[path!.replaceAll("~1", "/").replaceAll("~0", "~")]![method!]!;
      const takesInput =
        operation.requestBody !== undefined || (operation.parameters ?? []).some((p) => p.in !== "header");
      return takesInput;
    });
    expect(unexpected).toEqual([]);
  });

  it("names servers", () => {
    expect(document.servers.length).toBeGreaterThan(0);
  });

  it.each(operations)("$name has a unique operationId, security and the default problem", ({ operation }) => {
    expect(operation.operationId).toMatch(/^[a-z][A-Za-z0-9]+$/);
    expect(operations.filter((other) => other.operation.operationId === operation.operationId)).toHaveLength(
      1,
    );
    // Public operations say so with `security: []`; protected ones name their scheme.
    expect(operation.security).toBeDefined();
    expect(operation.responses.default).toEqual({ $ref: "#/components/responses/problem" });
  });

  it.each(operations)("$name refers to the shared problem responses", ({ operation }) => {
    for (const [status, response] of Object.entries(operation.responses))
      if (/^[45]\d\d$/.test(status)) {
        expect(response.$ref).toMatch(/^#\/components\/responses\//);
        expect(document.components.responses[response.$ref!.split("/").pop()!]).toBeDefined();
      }
  });
});
