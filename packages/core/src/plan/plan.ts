import * as v from "valibot";
import {
  type CapabilityReport,
  capabilityOverlap,
  capabilityReport,
  type InitiativeOverlap,
} from "../capability/overlap.js";
import { CxprismError } from "../errors.js";
import { type KpiCoverage, kpiCoverage } from "../kpi/coverage.js";
import { type BusinessCase, businessCase, hasBusinessCase } from "../money/business-case.js";
import { createNormaliser } from "../pipeline/normalise.js";
import { scorePortfolio } from "../pipeline/score.js";
import { KPI_IDS, type KpiId } from "../schema/kpi.js";
import type { ResultQuadrant } from "../schema/model.js";
import { issueToProblem } from "../validate/issues.js";
import {
  type Requirement,
  type ScoreOptions,
  UNRATED_FEASIBILITY,
  UNRATED_VALUE,
  validatePortfolio,
} from "../validate/portfolio.js";
import { solveKnapsack } from "./knapsack.js";
import {
  defaultGranularity,
  type PlanObjective,
  type PlanOptionsInput,
  PlanOptionsSchema,
} from "./options.js";
import { sequenceWaves } from "./waves.js";

/** Everything {@link createPlan} needs besides the initiatives: planning options plus the scoring options. */
export type PlanInput = PlanOptionsInput & ScoreOptions;

/** One initiative in a plan, selected or not. */
export interface PlannedInitiative {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly rank: number;
  readonly priority: number;
  readonly value: number;
  readonly feasibility: number;
  readonly quadrant: ResultQuadrant;
  readonly quadrantLabel: string;
  readonly cost: number;
  /** Person-months, when given. */
  readonly effort: number | null;
  /** What it adds to the objective: priority or value (0-100) or NPV, after any overlap discount. */
  readonly objective: number;
  /** Data readiness normalised to [0, 1] (1 = best), or null when the model has no such criterion. */
  readonly dataReadiness: number | null;
  /** A likely win with data readiness at or above the pilot threshold and no prerequisites. */
  readonly pilot: boolean;
  readonly selected: boolean;
  /** The wave it is in (1 = pilots), or null when not selected. */
  readonly wave: number | null;
  readonly dependsOn: readonly string[];
  readonly kpis: readonly KpiId[];
  /** Payback, ROI and NPV from the stated figures, or null when it states no benefit or running cost. */
  readonly businessCase: BusinessCase | null;
  /** What the application inventory already covers, or null without an inventory. */
  readonly overlap: InitiativeOverlap | null;
}

/** One wave of the roadmap. */
export interface PlanWave {
  /** 1-based. */
  readonly number: number;
  /** `Pilots` for wave 1 when it holds pilots, otherwise `Wave n`. */
  readonly label: string;
  /** Initiative ids, best first. */
  readonly initiatives: readonly string[];
  /** The KPIs to measure in this wave, in KPI order. */
  readonly kpis: readonly KpiId[];
  readonly cost: number;
  /** Person-months, or null when no initiative in the wave states effort. */
  readonly effort: number | null;
}

/** A budgeted, sequenced plan. */
export interface Plan {
  readonly objective: PlanObjective;
  readonly budget: number;
  /** The budget unit the optimiser counted in: every cost was rounded up to a whole number of these. */
  readonly granularity: number;
  readonly capacity: number | null;
  readonly capacityGranularity: number;
  readonly discountRate: number;
  readonly horizonYears: number;
  readonly totals: {
    readonly initiatives: number;
    readonly cost: number;
    readonly effort: number | null;
    readonly objective: number;
    /** Sum of the selected initiatives' NPVs (initiatives without a business case count their -cost). */
    readonly npv: number;
    readonly benefitPerYear: number;
    readonly runCostPerYear: number;
  };
  readonly waves: readonly PlanWave[];
  /** Selected initiatives in wave order, then the others by rank. */
  readonly initiatives: readonly PlannedInitiative[];
  /** KPIs the selection moves, against the stated goals. */
  readonly kpiCoverage: KpiCoverage;
  /** The right-sizing view of the inventory, or null without one. */
  readonly capabilities: CapabilityReport | null;
  /** Things a reader should know: no pilot qualified, budget left, etc. */
  readonly notes: readonly string[];
}

/**
 * What planning requires of every initiative, checked with its ratings in one pass (`validatePortfolio`'s and
 * the table reader's `require`): a cost, an effort when planning within a capacity, and no dependency cycle.
 *
 * @param options - the planning options (only `capacity` matters)
 * @returns the requirements
 */
export function planRequirements(options: { readonly capacity?: number | undefined }): Requirement[] {
  return options.capacity === undefined ? ["cost", "acyclic"] : ["cost", "effort", "acyclic"];
}

/**
 * Turns a ranking into a plan: scores the initiatives, selects the best set within the budget (and the
 * capacity in person-months, if given) with an exact knapsack that honours `dependsOn` (an initiative comes
 * with all its prerequisites, whose costs count), and sequences the selection into waves, pilots first.
 *
 * The objective is the sum over the selection of `priority` (default), `value`, or `net-benefit` (NPV at
 * the stated rate and horizon); with an inventory and a `valueDiscount`, each initiative's objective is
 * multiplied by 1 - valueDiscount x the share of its capabilities already provided (for NPV, its benefit is).
 * Costs are rounded up to whole `granularity` units, so the plan never exceeds the budget; the optimum is
 * exact for the rounded costs. Every initiative needs a `cost`; with `capacity`, an `effort`.
 *
 * Formula criteria are not evaluated here (that would load mathjs): run `deriveFormulaCriteria` first.
 *
 * @param initiatives - the candidate initiatives (unknown input: validated here)
 * @param input - budget and other planning options, plus `model` and `missing` as for `score`
 * @returns the plan
 * @throws {@link CxprismError} with every problem found
 * @example
 * const plan = createPlan(initiatives, { budget: 2_000_000, capacity: 60, goals: ["fcr", "csat"] });
 * renderPlanMarkdown(plan);
 */
export function createPlan(initiatives: unknown, input: PlanInput): Plan {
  const { model, missing, ...rest } = input;
  const parsedOptions = v.safeParse(PlanOptionsSchema, rest);
  if (!parsedOptions.success) {
    throw new CxprismError(
      "invalid-options",
      parsedOptions.issues.map((issue) => issueToProblem(issue, [])),
    );
  }
  const options = parsedOptions.output;
  // A missing cost (or effort) is reported with the rating problems, in one pass.
  const validation = validatePortfolio(initiatives, { model, missing, require: planRequirements(options) });
  if (!validation.success) throw new CxprismError(validation.code, validation.problems);
  const portfolio = validation.portfolio;
  const items = portfolio.initiatives;
  const indexOf = new Map(items.map((initiative, index) => [initiative.id, index]));
  // Validated acyclic above, with the ratings, costs and efforts, in one pass.
  const prerequisites = items.map((initiative) => initiative.dependsOn.map((id) => indexOf.get(id)!));

  const results = scorePortfolio(portfolio);
  const resultOf = new Map(results.map((result) => [result.id, result]));
  const money = { discountRate: options.discountRate, horizonYears: options.horizonYears };
  const overlaps =
    options.inventory === undefined
      ? undefined
      : capabilityOverlap(items, options.inventory, options.valueDiscount);
  const readiness = createReadiness(portfolio, options.readinessCriterion);
  const granularity = options.granularity ?? defaultGranularity(options.budget);
  // The axes an objective reads: an initiative with no rating on one of them adds nothing to it.
  const unknownObjective =
    options.objective === "priority"
      ? UNRATED_VALUE | UNRATED_FEASIBILITY
      : options.objective === "value"
        ? UNRATED_VALUE
        : 0;
  const objectives = items.map((initiative, index) => {
    const result = resultOf.get(initiative.id)!;
    const factor = overlaps?.[index]?.valueFactor ?? 1;
    // Midpoints on an axis nobody rated are not a judgement: they earn no place in the plan.
    if ((portfolio.unrated[index]! & unknownObjective) !== 0) return 0;
    if (options.objective === "priority") return result.priority * factor;
    if (options.objective === "value") return result.value * factor;
    return businessCase({ ...initiative, benefit: (initiative.benefit ?? 0) * factor }, money).npv;
  });
  const solution = solveKnapsack({
    items: items.map((initiative, index) => ({
      weight: Math.ceil(initiative.cost! / granularity),
      effort:
        options.capacity === undefined ? 0 : Math.ceil(initiative.effort! / options.capacityGranularity),
      value: objectives[index]!,
      prerequisites: prerequisites[index]!,
    })),
    capacity: Math.floor(options.budget / granularity),
    effortCapacity:
      options.capacity === undefined ? undefined : Math.floor(options.capacity / options.capacityGranularity),
  });
  const selected = new Set(solution.selected.map((index) => items[index]!.id));

  const planned = results.map((result): Omit<PlannedInitiative, "wave"> => {
    const index = indexOf.get(result.id)!;
    const initiative = items[index]!;
    const dataReadiness = readiness(index);
    const pilot =
      result.quadrant === "likely-win" &&
      initiative.dependsOn.length === 0 &&
      (dataReadiness ?? result.feasibility / 100) >= options.pilotReadiness;
    return {
      id: result.id,
      name: result.name,
      category: result.category,
      rank: result.rank,
      priority: result.priority,
      value: result.value,
      feasibility: result.feasibility,
      quadrant: result.quadrant,
      quadrantLabel: result.quadrantLabel,
      cost: initiative.cost!,
      effort: initiative.effort ?? null,
      objective: objectives[index]!,
      dataReadiness,
      pilot,
      selected: selected.has(result.id),
      dependsOn: initiative.dependsOn,
      kpis: initiative.kpis,
      businessCase: hasBusinessCase(initiative) ? businessCase(initiative, money) : null,
      overlap: overlaps?.[index] ?? null,
    };
  });
  const chosen = planned.filter((initiative) => initiative.selected);
  const sequence = sequenceWaves(
    chosen.map((initiative) => ({
      id: initiative.id,
      pilot: initiative.pilot,
      prerequisites: initiative.dependsOn,
    })),
    options.waveSize,
  );
  const waveOf = new Map<string, number>();
  sequence.waves.forEach((wave, w) => {
    for (const id of wave) waveOf.set(id, w + 1);
  });
  const byId = new Map(planned.map((initiative) => [initiative.id, initiative]));
  const waves = sequence.waves.map((ids, w): PlanWave => {
    const members = ids.map((id) => byId.get(id)!);
    const kpis = new Set(members.flatMap((member) => member.kpis));
    const efforts = members.filter((member) => member.effort !== null);
    return {
      number: w + 1,
      label: w === 0 && sequence.pilotsFound ? "Pilots" : `Wave ${w + 1}`,
      initiatives: ids,
      kpis: KPI_IDS.filter((kpi) => kpis.has(kpi)),
      cost: members.reduce((sum, member) => sum + member.cost, 0),
      effort: efforts.length === 0 ? null : efforts.reduce((sum, member) => sum + member.effort!, 0),
    };
  });
  const ordered = [
    ...sequence.waves.flat().map((id) => ({ ...byId.get(id)!, wave: waveOf.get(id)! })),
    ...planned
      .filter((initiative) => !initiative.selected)
      .map((initiative) => ({ ...initiative, wave: null })),
  ];
  const inPlan = ordered.filter((initiative) => initiative.selected);
  const cost = inPlan.reduce((sum, initiative) => sum + initiative.cost, 0);
  const efforts = inPlan.filter((initiative) => initiative.effort !== null);
  const notes: string[] = [];
  if (inPlan.length > 0 && !sequence.pilotsFound) {
    notes.push(
      `No selected initiative is a likely win with data readiness of at least ${Math.round(options.pilotReadiness * 100)} % and no prerequisites: wave 1 starts with the best initiative without prerequisites. Improve data readiness before scaling.`,
    );
  }
  if (inPlan.length === 0) notes.push("Nothing fits the budget (or nothing adds to the objective).");
  const unrated = ordered.filter(
    (initiative) => (portfolio.unrated[indexOf.get(initiative.id)!]! & unknownObjective) !== 0,
  );
  if (unrated.length > 0) {
    const prerequisites = unrated.filter((initiative) => initiative.selected);
    notes.push(
      `${unrated.length} initiative(s) have no ratings on an axis, so their ${options.objective} is unknown and counts for nothing in the plan: ${unrated.map((initiative) => initiative.id).join(", ")}. Rate them to plan them${prerequisites.length > 0 ? `; ${prerequisites.map((initiative) => initiative.id).join(", ")} is in the plan only as a prerequisite` : ""}.`,
    );
  }
  const covered = ordered.filter((initiative) => initiative.overlap?.message);
  if (covered.length > 0) {
    notes.push(
      `${covered.length} initiative(s) overlap applications already in use: consolidate before buying.`,
    );
  }
  return {
    objective: options.objective,
    budget: options.budget,
    granularity,
    capacity: options.capacity ?? null,
    capacityGranularity: options.capacityGranularity,
    discountRate: options.discountRate,
    horizonYears: options.horizonYears,
    totals: {
      initiatives: inPlan.length,
      cost,
      effort: efforts.length === 0 ? null : efforts.reduce((sum, initiative) => sum + initiative.effort!, 0),
      objective: solution.value,
      npv: inPlan.reduce((sum, initiative) => sum + (initiative.businessCase?.npv ?? -initiative.cost), 0),
      benefitPerYear: inPlan.reduce(
        (sum, initiative) => sum + (items[indexOf.get(initiative.id)!]!.benefit ?? 0),
        0,
      ),
      runCostPerYear: inPlan.reduce(
        (sum, initiative) => sum + (items[indexOf.get(initiative.id)!]!.runCost ?? 0),
        0,
      ),
    },
    waves,
    initiatives: ordered,
    kpiCoverage: kpiCoverage(inPlan, options.goals),
    capabilities: options.inventory === undefined ? null : capabilityReport(options.inventory),
    notes,
  };
}

/** The outcome of {@link safeCreatePlan}. */
export type PlanOutcome =
  | { readonly success: true; readonly plan: Plan }
  | { readonly success: false; readonly error: CxprismError };

/**
 * Like {@link createPlan}, but returns the problems instead of throwing them.
 *
 * @param initiatives - the candidate initiatives (unknown input: validated here)
 * @param input - budget and other planning options, plus `model` and `missing`
 * @returns `{success: true, plan}` or `{success: false, error}` with every problem
 */
export function safeCreatePlan(initiatives: unknown, input: PlanInput): PlanOutcome {
  try {
    return { success: true, plan: createPlan(initiatives, input) };
  } catch (error) {
    if (error instanceof CxprismError) return { success: false, error };
    throw error;
  }
}

/** Reads each initiative's data readiness in [0, 1] from the model's readiness criterion, if it has one. */
function createReadiness(
  portfolio: {
    model: { criteria: readonly import("../schema/criterion.js").Criterion[] };
    ratings: Float64Array;
  },
  criterionId: string,
): (index: number) => number | null {
  const criteria = portfolio.model.criteria;
  const c = criteria.findIndex((criterion) => criterion.id === criterionId);
  if (c === -1) return () => null;
  const normalise = createNormaliser(criteria[c]!);
  const m = criteria.length;
  return (index) => {
    const raw = portfolio.ratings[index * m + c]!;
    return Number.isNaN(raw) ? null : normalise(raw);
  };
}
