import * as v from "valibot";
import { ApplicationSchema } from "../capability/inventory.js";
import { KpiIdSchema } from "../schema/kpi.js";

const Positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
const NonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));

/** What a plan maximises. */
export const PlanObjectiveSchema = v.picklist(["priority", "value", "net-benefit"]);

/**
 * Planning options (everything but the model and initiatives): the JSON body fields of `POST /v1/plan` and
 * the flags of `cxprism plan`.
 */
export const PlanOptionsSchema = v.strictObject({
  /** The budget for one-off costs, in the initiatives' currency. */
  budget: NonNegative,
  /** The budget unit the optimiser counts in; each cost is rounded up to a whole number of units. */
  granularity: v.optional(Positive),
  /** Capacity in person-months; with it every initiative needs an `effort`. */
  capacity: v.optional(NonNegative),
  /** The capacity unit, in person-months (default 1). */
  capacityGranularity: v.optional(Positive, 1),
  objective: v.optional(PlanObjectiveSchema, "priority"),
  /** Yearly discount rate for NPV (default 0.08). */
  discountRate: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)), 0.08),
  /** Years of running cost and benefit counted (default 3). */
  horizonYears: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30)), 3),
  /** KPIs the organisation wants to move: the plan reports those it leaves uncovered. */
  goals: v.optional(v.array(KpiIdSchema), []),
  /** Applications in use, for capability overlap. */
  inventory: v.optional(v.array(ApplicationSchema)),
  /** Share of value a fully covered initiative loses, in [0, 1] (default 0: flag only). */
  valueDiscount: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)), 0),
  /** The criterion that measures data readiness (default `data_readiness`). */
  readinessCriterion: v.optional(v.string(), "data_readiness"),
  /** Normalised data readiness a pilot needs, in [0, 1] (default 0.75: 4 on a 1-5 scale). */
  pilotReadiness: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)), 0.75),
  /** The most initiatives per wave (default 3). */
  waveSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 3),
});

/** Planning options as accepted from users. */
export type PlanOptionsInput = v.InferInput<typeof PlanOptionsSchema>;
/** Planning options with defaults applied. */
export type PlanOptions = v.InferOutput<typeof PlanOptionsSchema>;
/** What a plan maximises. */
export type PlanObjective = v.InferOutput<typeof PlanObjectiveSchema>;

/**
 * The default budget unit: budget / 2000 rounded up to 1, 2 or 5 times a power of ten (at least 1), so the
 * optimiser works on at most about 2,000 budget cells. A budget of 2,000,000 counts in units of 1,000.
 *
 * @param budget - the budget
 * @returns the granularity
 */
export function defaultGranularity(budget: number): number {
  const raw = budget / 2000;
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * power >= raw - 1e-9 * raw) return step * power;
  return 10 * power;
}
