import { defaultModel } from "@cxprism/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";

// Whatever arrives at the analysis routes, they answer a client error or a result, never a 5xx; errors are
// always problem+json. The renderer stands in for resvg so PNG negotiation is exercised too.
const app = createApp({
  limits: { maxBodyBytes: 64 * 1024, maxInitiatives: 30, maxSimulationWork: 20_000 },
  renderPng: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
});
const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);
const ROUTES = ["/v1/matrix", "/v1/weights/ahp", "/v1/weights/rank", "/v1/sensitivity", "/v1/plan"] as const;
const RUNS = 200;

async function expectNo5xx(
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  contentType: string | undefined,
  accept?: string,
): Promise<void> {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["Content-Type"] = contentType;
  if (accept !== undefined) headers.Accept = accept;
  const response = await app.request(path, { method: "POST", headers, body });
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(((await response.json()) as { status: number }).status).toBe(response.status);
  } else await response.arrayBuffer();
}

const route = fc.constantFrom(...ROUTES);
const contentTypes = fc.constantFrom("application/json", "text/csv", "text/plain", "", undefined);
const accepts = fc.constantFrom(
  undefined,
  "*/*",
  "image/png",
  "image/svg+xml",
  "application/vnd.vegalite.v5+json",
  "text/markdown",
  "text/html",
  "image/*;q=0",
  ";;,q=x",
);
const query = fc.oneof(
  fc.constant(""),
  fc
    .dictionary(
      fc.constantFrom(
        "theme",
        "width",
        "height",
        "title",
        "scale",
        "id",
        "iterations",
        "seed",
        "method",
        "randomIndex",
        "missing",
      ),
      fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 20_000 }).map(String)),
      { maxKeys: 4 },
    )
    .map((params) => `?${new URLSearchParams(params).toString()}`),
);

const judgment = fc.oneof(
  fc.constantFrom(1, 3, 1 / 3, 9, 1 / 9, 0, -1, 20),
  fc.double(),
  fc.constant(null),
  fc.anything(),
);
const ids = fc.array(fc.oneof(fc.constantFrom(...CRITERIA), fc.string({ maxLength: 4 })), { maxLength: 6 });
const matrix = fc.record(
  { ids, values: fc.oneof(fc.array(fc.array(judgment, { maxLength: 6 }), { maxLength: 6 }), fc.anything()) },
  { requiredKeys: [] },
);
const initiative = fc.record(
  {
    name: fc.oneof(fc.constantFrom("A", "B", "C"), fc.string({ maxLength: 8 })),
    cost: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.double(), fc.string()),
    ratings: fc.dictionary(
      fc.constantFrom(...CRITERIA),
      fc.oneof(fc.integer({ min: 0, max: 6 }), fc.anything()),
      {
        maxKeys: 12,
      },
    ),
    dependsOn: fc.array(fc.constantFrom("a", "b", "c", "x"), { maxLength: 2 }),
    fields: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.double(), fc.anything()), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);
const body = fc.record(
  {
    initiatives: fc.oneof(fc.array(initiative, { maxLength: 6 }), fc.anything()),
    matrix: fc.oneof(matrix, fc.anything()),
    raters: fc.array(fc.record({ rater: fc.string(), weight: fc.double(), matrix }, { requiredKeys: [] }), {
      maxLength: 3,
    }),
    ranking: fc.array(
      fc.oneof(fc.string({ maxLength: 4 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 })),
      {
        maxLength: 5,
      },
    ),
    method: fc.oneof(fc.constantFrom("rank-order-centroid", "equal", "x"), fc.anything()),
    options: fc.oneof(
      fc.record(
        {
          budget: fc.oneof(fc.integer({ min: -1, max: 10_000_000 }), fc.double()),
          granularity: fc.oneof(fc.double(), fc.integer({ min: 0, max: 100 })),
          iterations: fc.integer({ min: -1, max: 10_000 }),
          seed: fc.integer(),
          concentration: fc.double(),
          uncertainty: fc.double(),
          topK: fc.integer({ min: -1, max: 10 }),
          method: fc.constantFrom("eigenvector", "geometric-mean", "power"),
          aggregation: fc.constantFrom("judgments", "priorities", "votes"),
          missing: fc.constantFrom("error", "neutral", "zero"),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

describe("the analysis routes never answer 5xx", () => {
  it("for random bytes under any content type and Accept", async () => {
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.uint8Array({ maxLength: 256 }),
        contentTypes,
        accepts,
        (path, bytes, type, accept) => expectNo5xx(path, new Uint8Array(bytes), type, accept),
      ),
      { numRuns: RUNS },
    );
  });

  it("for random JSON values", async () => {
    await fc.assert(
      fc.asyncProperty(route, fc.jsonValue(), (path, value) =>
        expectNo5xx(path, JSON.stringify(value) ?? "null", "application/json"),
      ),
      { numRuns: RUNS },
    );
  });

  it("for near-valid bodies with random query strings and Accept headers", async () => {
    await fc.assert(
      fc.asyncProperty(route, body, query, accepts, (path, value, search, accept) =>
        expectNo5xx(`${path}${search}`, JSON.stringify(value) ?? "null", "application/json", accept),
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it("for random pairwise and wide CSV text", async () => {
    const cell = fc.oneof(
      fc.constantFrom("", "1", "3", "1/3", "1/0", "0", "9", "x", '"', ";"),
      fc.string({ maxLength: 5 }),
    );
    const csv = fc
      .array(fc.array(cell, { maxLength: 6 }), { maxLength: 7 })
      .map((rows) => rows.map((row) => row.join(",")).join("\n"));
    await fc.assert(
      fc.asyncProperty(route, csv, query, (path, text, search) =>
        expectNo5xx(`${path}${search}`, text, "text/csv"),
      ),
      { numRuns: RUNS },
    );
  });
});
