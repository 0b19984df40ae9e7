import { fc, test } from "@fast-check/vitest";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { InitiativeSchema } from "../schema/initiative.js";
import { KPI_IDS } from "../schema/kpi.js";
import { readPlainInitiative } from "./plain-initiative.js";

/** Text near the schema's limits, with and without surrounding spaces. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom("", "  ", " padded ", "x".repeat(max), "x".repeat(max + 1), ` ${"y".repeat(max)} `),
  );
const amount = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, -1, 12.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.constant("3"),
);
const anything = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 3 }),
  fc.constant([]),
);
const ratingKey = fc.constantFrom("cx_impact", "cost_to_serve", "bogus", "0", "constructor", "__proto__");
const ratingsRecord = fc.dictionary(
  ratingKey,
  fc.oneof(fc.integer({ min: -1, max: 7 }), fc.constant("M"), anything),
  { maxKeys: 4 },
);
/** A symbol key, which the schema drops and a spread would copy. */
const withSymbol = ratingsRecord.map((record) => ({ ...record, [Symbol("note")]: 3 }));
const ratings = fc.oneof(ratingsRecord, withSymbol, anything);
const rater = fc.oneof(
  fc.record(
    { rater: text(120), weight: fc.oneof(amount, fc.constant(undefined)), ratings, note: fc.string() },
    { requiredKeys: ["rater", "ratings"] },
  ),
  anything,
);
const stringList = (item: fc.Arbitrary<unknown>) => fc.oneof(fc.array(item, { maxLength: 3 }), anything);

/** Initiatives that are sometimes valid and often wrong in one field or several. */
const candidate = fc.oneof(
  fc.record(
    {
      id: fc.oneof(text(128), anything),
      name: fc.oneof(text(200), anything),
      category: fc.oneof(text(120), anything),
      description: fc.oneof(text(4000), anything),
      ratings,
      raters: fc.oneof(fc.array(rater, { maxLength: 3 }), anything),
      cost: amount,
      kpis: stringList(fc.oneof(fc.constantFrom(...KPI_IDS), fc.constant("nope"))),
      dependsOn: stringList(text(128)),
      capabilities: stringList(text(120)),
      extra: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(text(4000), anything)), anything),
      runCost: amount,
      benefit: amount,
      effort: amount,
      fields: fc.oneof(
        fc.dictionary(fc.constantFrom("contacts", "Bad-Name", "constructor", "rate_2"), amount),
        anything,
      ),
      unknownField: fc.string(),
    },
    { requiredKeys: [] },
  ),
  anything,
);

describe("readPlainInitiative", () => {
  test.prop([candidate], { numRuns: 2000 })(
    "accepts only what InitiativeSchema accepts, and answers its output key for key",
    (input) => {
      const plain = readPlainInitiative(input);
      if (plain === undefined) return;
      const schema = v.safeParse(InitiativeSchema, input);
      expect(schema.success).toBe(true);
      expect(plain).toStrictEqual(schema.output);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(schema.output));
    },
  );

  const word = (max: number) =>
    fc.stringMatching(new RegExp(`^ ?[a-z0-9][a-z0-9 ]{0,${Math.min(max, 20) - 1}} ?$`));
  const validRatings = fc.dictionary(
    fc.constantFrom("cx_impact", "cost_to_serve", "bogus"),
    fc.oneof(fc.integer(), fc.constant("M"), fc.constant(null)),
  );
  const validInitiative = fc.record(
    {
      id: word(128),
      name: word(200),
      category: fc.string({ maxLength: 120 }),
      description: fc.string({ maxLength: 200 }),
      ratings: validRatings,
      cost: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      kpis: fc.array(fc.constantFrom(...KPI_IDS), { maxLength: 3 }),
      dependsOn: fc.array(word(128), { maxLength: 3 }),
      capabilities: fc.array(fc.string({ maxLength: 120 }), { maxLength: 2 }),
      extra: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 40 })),
      effort: fc.nat(),
      fields: fc.dictionary(
        fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
    },
    { requiredKeys: ["name"] },
  );
  test.prop([validInitiative], { numRuns: 500 })("never defers a valid plain initiative", (input) => {
    const fields = (input as { fields?: Record<string, number> }).fields ?? {};
    fc.pre(!["constructor", "prototype"].some((key) => key in fields && Object.hasOwn(fields, key)));
    const extra = (input as { extra?: Record<string, string> }).extra ?? {};
    fc.pre(!["constructor", "prototype"].some((key) => Object.hasOwn(extra, key)));
    expect(readPlainInitiative(input)).toStrictEqual(v.parse(InitiativeSchema, input));
  });

  test.prop([validInitiative, fc.boolean()], { numRuns: 300 })(
    "answers the schema's output whenever it answers a valid initiative, symbol-keyed ratings included",
    (input, addSymbol) => {
      const ratings = (input as { ratings?: Record<string, unknown> }).ratings;
      const candidate =
        addSymbol && ratings !== undefined
          ? { ...input, ratings: { ...ratings, [Symbol("note")]: 1 } }
          : input;
      const plain = readPlainInitiative(candidate);
      if (plain !== undefined) expect(plain).toStrictEqual(v.parse(InitiativeSchema, candidate));
    },
  );

  it("reads every catalog initiative and every field of the schema without deferring", () => {
    const full = {
      id: " full ",
      name: " Full ",
      category: "c",
      description: "d",
      raters: [
        { rater: " Ana ", ratings: { cx_impact: 4 } },
        { rater: "Bo", weight: 2, ratings: {} },
      ],
      cost: 1,
      kpis: ["fcr"],
      dependsOn: [" other "],
      capabilities: [" nlu "],
      extra: { owner: " Kim " },
      runCost: 2,
      benefit: 3,
      effort: 4,
      fields: { contacts_per_year: 1200000 },
    };
    expect(Object.keys(full).sort()).toEqual(
      Object.keys(InitiativeSchema.entries)
        .filter((key) => key !== "ratings")
        .sort(),
    );
    for (const input of [...catalogInitiatives(), full]) {
      const plain = readPlainInitiative(input);
      expect(plain).toBeDefined();
      expect(JSON.stringify(plain)).toBe(JSON.stringify(v.parse(InitiativeSchema, input)));
    }
  });

  it.each([
    ["an unknown field", { name: "A", colour: "red" }],
    ["a rating under a key valibot drops", JSON.parse('{"name":"A","ratings":{"__proto__":3}}')],
    ["a rating under a symbol key", { name: "A", ratings: { cx_impact: 3, [Symbol("note")]: 4 } }],
    ["an undefined value", { name: "A", cost: undefined }],
    ["an array", [{ name: "A" }]],
    ["a class instance", new Date(0)],
  ])("defers to the schema for %s", (_, input) => {
    expect(readPlainInitiative(input)).toBeUndefined();
  });
});
