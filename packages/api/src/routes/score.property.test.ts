import { defaultModel } from "@cxprism/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";

// Thousands of random and malformed bodies: whatever arrives, /v1/score answers a client error or a result,
// never a 5xx, and always a JSON body (problem+json for errors).
const app = createApp({ limits: { maxBodyBytes: 64 * 1024, maxInitiatives: 50 } });
const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);

async function expectNo5xx(
  body: string | Uint8Array<ArrayBuffer>,
  contentType: string | undefined,
): Promise<void> {
  const response = await app.request("/v1/score", {
    method: "POST",
    ...(contentType === undefined ? {} : { headers: { "Content-Type": contentType } }),
    body,
  });
  expect(response.status).toBeLessThan(500);
  const type = response.headers.get("Content-Type") ?? "";
  expect(type).toMatch(response.status === 200 ? /^application\/json/ : /^application\/problem\+json$/);
  const parsed = (await response.json()) as { status?: number };
  if (response.status !== 200) expect(parsed.status).toBe(response.status);
}

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/csv",
  "text/csv; charset=utf-8",
  "application/problem+json",
  "text/plain",
  "",
  undefined,
);

const ratingValue = fc.oneof(
  fc.integer({ min: -2, max: 8 }),
  fc.double(),
  fc.constantFrom("3", "3,5", "high", "", " 4 ", "NaN", "1e3"),
  fc.constant(null),
  fc.anything(),
);

const ratings = fc.dictionary(
  fc.oneof(fc.constantFrom(...CRITERIA), fc.string({ maxLength: 70 })),
  ratingValue,
  {
    maxKeys: 14,
  },
);

const initiative = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 140 }), fc.integer()),
    name: fc.oneof(fc.string({ maxLength: 210 }), fc.constant(""), fc.anything()),
    category: fc.string({ maxLength: 130 }),
    ratings,
    raters: fc.array(fc.record({ rater: fc.string(), weight: fc.double(), ratings }, { requiredKeys: [] }), {
      maxLength: 4,
    }),
    cost: fc.oneof(fc.double(), fc.string()),
    kpis: fc.array(fc.oneof(fc.constantFrom("csat", "fcr", "nps"), fc.string()), { maxLength: 4 }),
    dependsOn: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    extra: fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

const criterion = fc.record(
  {
    id: fc.oneof(fc.constantFrom("impact", "ease", "risk"), fc.string()),
    label: fc.string(),
    axis: fc.constantFrom("value", "feasibility", "other"),
    weight: fc.oneof(fc.double(), fc.integer({ min: -1, max: 5 })),
    direction: fc.constantFrom("benefit", "cost", "up"),
    scale: fc.oneof(
      fc.record({ min: fc.double(), max: fc.double() }),
      fc.record({ labels: fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }) }),
      fc.anything(),
    ),
    levels: fc.array(fc.string(), { maxLength: 6 }),
  },
  { requiredKeys: [] },
);

const model = fc.record(
  {
    id: fc.oneof(fc.constant("custom"), fc.string()),
    name: fc.string(),
    criteria: fc.array(criterion, { maxLength: 6 }),
    aggregation: fc.constantFrom("weighted-sum", "weighted-product", "min", "max"),
    priority: fc.constantFrom("closeness", "geometric-mean", "weighted-mean", "best"),
    raterAggregation: fc.constantFrom("mean", "median", "geometric-mean", "mode"),
    thresholds: fc.record({ value: fc.double(), feasibility: fc.double() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const envelope = fc.record(
  {
    initiatives: fc.oneof(fc.array(initiative, { maxLength: 8 }), fc.anything()),
    model: fc.oneof(model, fc.anything()),
    options: fc.oneof(fc.record({ missing: fc.constantFrom("error", "neutral", "zero") }), fc.anything()),
  },
  { requiredKeys: [] },
);

const csvCell = fc.oneof(
  fc.constantFrom("", "3", "4,5", "high", '"', '""', '"a,b"', '"x\ny"', "\r", ";", "\t", "\uFEFF", "é"),
  fc.string({ maxLength: 12 }),
);
const csvText = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom("name", "id", "rater", "kpis", "cost", ...CRITERIA), fc.string()), {
      minLength: 0,
      maxLength: 8,
    }),
    fc.array(fc.array(csvCell, { maxLength: 9 }), { maxLength: 8 }),
    fc.constantFrom(",", ";", "\t"),
    fc.constantFrom("\n", "\r\n"),
  )
  .map(([header, rows, delimiter, newline]) =>
    [header, ...rows].map((row) => row.join(delimiter)).join(newline),
  );

const RUNS = 1000;

describe("POST /v1/score never answers 5xx", () => {
  it("for random bytes under any content type", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }).map((bytes) => new Uint8Array(bytes)),
        contentTypes,
        expectNo5xx,
      ),
      {
        numRuns: RUNS,
      },
    );
  });

  it("for random JSON values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (value) =>
        expectNo5xx(JSON.stringify(value) ?? "null", "application/json"),
      ),
      { numRuns: RUNS },
    );
  });

  it("for near-valid envelopes with random initiatives, models and options", async () => {
    await fc.assert(
      fc.asyncProperty(envelope, (body) => expectNo5xx(JSON.stringify(body) ?? "null", "application/json")),
      { numRuns: RUNS },
    );
  });

  it("for valid bodies cut off at a random point", async () => {
    const valid = JSON.stringify({
      initiatives: [{ name: "A", ratings: Object.fromEntries(CRITERIA.map((id) => [id, 3])) }],
    });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length }), fc.string({ maxLength: 4 }), (cut, tail) =>
        expectNo5xx(valid.slice(0, cut) + tail, "application/json"),
      ),
      { numRuns: RUNS },
    );
  });

  it("for random CSV text in every dialect", async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom("text/csv", "text/csv; charset=utf-8"), expectNo5xx),
      { numRuns: RUNS },
    );
  });
});
