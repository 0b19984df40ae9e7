import { fc as fcVitest } from "@fast-check/vitest";
import fc from "fast-check";
import { expect, it } from "vitest";

it("runs every property test from the one seed (FC_SEED or the default), whichever import a test uses", () => {
  // Parsed again rather than imported from the setup file: importing it would configure the seed itself and
  // hide a vitest.config.ts that stopped loading it.
  const expected = process.env.FC_SEED === undefined ? 20_261_201 : Number(process.env.FC_SEED);
  expect(fc.readConfigureGlobal().seed).toBe(expected);
  expect(fcVitest.readConfigureGlobal().seed).toBe(expected);
  const draw = () => fc.sample(fc.integer(), 3);
  expect(draw()).toEqual(draw());
});
