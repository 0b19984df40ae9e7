import type { KpiId } from "../schema/kpi.js";
import type { PriorityRule, ResultQuadrant } from "../schema/model.js";

/**
 * Every text the matrix, the roadmap and the board pack print, in one language. A language is one object
 * of this shape (see `en.ts`); sentences with numbers are functions so each language orders its own words.
 * Numbers arrive already formatted. Labels from a scoring model (criteria, custom quadrant names) are not
 * here: they are printed as the model gives them.
 */
export interface Messages {
  /** BCP 47 tag of the language, e.g. `en`, `de`. */
  readonly lang: string;
  /** `ltr` or `rtl`: the direction of running text. */
  readonly direction: "ltr" | "rtl";
  /** Decimal and thousands separators used by {@link formatLocalNumber}. */
  readonly number: { readonly decimal: string; readonly group: string };
  readonly quadrants: { readonly [quadrant in ResultQuadrant]: string };
  readonly kpis: { readonly [kpi in KpiId]: string };
  readonly priorityRules: { readonly [rule in PriorityRule]: string };
  readonly matrix: {
    readonly title: string;
    readonly subtitle: (count: number, rule: string, value: string, feasibility: string) => string;
    readonly feasibilityAxis: string;
    readonly valueAxis: string;
    readonly valueAxisShort: string;
    readonly category: string;
    readonly uncategorised: string;
    readonly cost: string;
    readonly size: (label: string) => string;
    readonly noSize: (label: string) => string;
    readonly priority: string;
    readonly low: string;
    readonly high: string;
    /** Two lines under the priority swatches; `stronger` is the word for more tint in this theme. */
    readonly bandCaption: (rule: PriorityRule, theme: "light" | "dark") => readonly [string, string];
    readonly keyOverflow: (count: number, from: number) => string;
    /** Three short lines when only the top markers carry names; `count` arrives formatted. */
    readonly unlabelled: (top: number, count: string) => readonly [string, string, string];
    readonly keyTitle: string;
    readonly initiatives: string;
    /** Lower-case words before the numbers in a marker's description. */
    readonly words: { readonly value: string; readonly feasibility: string; readonly priority: string };
    /** The opening sentences of the matrix's description for screen readers. */
    readonly describe: (count: number, value: string, feasibility: string, rule: string) => string;
    /** Closes a shortened list of names in the matrix's description: "and 1,204 more". */
    readonly moreNames: (count: string) => string;
    readonly textAxes: (count: number) => string;
    /** The heading of the list of `unrated` initiatives, drawn apart from the plot. */
    readonly unratedTitle: (count: number) => string;
    /** The line under it: why they are not on the plot. */
    readonly unratedNote: string;
  };
  readonly plan: {
    readonly documentTitle: string;
    readonly pilots: string;
    readonly wave: (number: number) => string;
    readonly waveOnePilots: string;
    readonly roadmapTitle: (count: number, cost: string, budget: string) => string;
    readonly roadmapDescription: (count: number, waves: number, cost: string, budget: string) => string;
    readonly priorityShort: (priority: string) => string;
    readonly nothingFits: string;
    readonly needs: (names: string) => string;
    readonly budgetLine: (budget: string, cost: string, share: string, unit: string) => string;
    readonly capacityLine: (capacity: string, effort: string) => string;
    readonly selectedLine: (count: number, waves: number, objective: string) => string;
    readonly objectives: {
      readonly priority: string;
      readonly value: string;
      readonly "net-benefit": string;
    };
    readonly businessCaseLine: (
      npv: string,
      years: number,
      rate: string,
      benefit: string,
      runCost: string,
    ) => string;
    readonly columns: {
      readonly initiative: string;
      readonly quadrant: string;
      readonly priority: string;
      readonly cost: string;
      readonly payback: string;
      readonly needs: string;
      readonly rank: string;
      readonly kpi: string;
      readonly initiatives: string;
    };
    readonly never: string;
    readonly months: (months: string) => string;
    readonly waveCost: (cost: string, effort: string | undefined) => string;
    readonly kpisToMeasure: string;
    readonly kpiCoverage: string;
    readonly noKpis: string;
    readonly uncoveredGoals: string;
    readonly capabilitiesOwned: string;
    readonly rightSizing: string;
    readonly appsLine: (inUse: number, needed: number) => string;
    readonly retire: string;
    readonly providedBy: (capability: string, apps: string) => string;
    readonly notInPlan: string;
    readonly notes: string;
    readonly dependencyNote: string;
  };
  readonly pack: {
    readonly title: string;
    readonly subtitle: (date: string) => string;
    readonly preparedFor: (raters: number, rounds: number) => string;
    readonly summary: string;
    readonly summaryLead: (count: number, likelyWins: number) => string;
    readonly summaryTop: (rank: number, name: string, quadrant: string, priority: string) => string;
    readonly summaryWhy: (criteria: string) => string;
    readonly summaryConfidence: (name: string, probability: string) => string;
    readonly summaryPlan: (count: number, waves: number, cost: string, budget: string) => string;
    readonly matrix: string;
    readonly ranking: string;
    readonly columns: {
      readonly rank: string;
      readonly initiative: string;
      readonly quadrant: string;
      readonly value: string;
      readonly feasibility: string;
      readonly priority: string;
      readonly topContributions: string;
      readonly probabilityTop: (k: number) => string;
      readonly probabilityQuadrant: string;
      readonly rankRange: string;
      readonly criterion: string;
      readonly axis: string;
      readonly weight: string;
      readonly direction: string;
      readonly scale: string;
      readonly rater: string;
      readonly spread: string;
      readonly before: string;
      readonly after: string;
      readonly change: string;
      readonly npv: string;
      readonly roi: string;
      readonly payback: string;
      readonly kpis: string;
      readonly cost: string;
      readonly coveredBy: string;
      readonly initiativesCount: string;
    };
    readonly confidence: string;
    readonly confidenceLead: (iterations: number) => string;
    readonly stability: string;
    readonly stabilityLine: (criterion: string, low: string, high: string, current: string) => string;
    readonly discussion: string;
    readonly discussionLead: (count: number) => string;
    readonly rounds: string;
    readonly currentRound: string;
    readonly roundsLead: (from: string, to: string) => string;
    readonly plan: string;
    readonly wave: (label: string, cost: string) => string;
    readonly dataReadiness: string;
    readonly dataReadinessLine: (name: string, readiness: string) => string;
    readonly aggregations: {
      readonly mean: string;
      readonly median: string;
      readonly "geometric-mean": string;
    };
    readonly kpiCoverage: string;
    readonly uncoveredGoals: (kpis: string) => string;
    readonly overlap: string;
    readonly overlapLine: (name: string, apps: string) => string;
    readonly method: string;
    readonly methodLead: (rule: string, value: string, feasibility: string, aggregation: string) => string;
    readonly axes: { readonly value: string; readonly feasibility: string };
    readonly directions: { readonly benefit: string; readonly cost: string };
    readonly appendix: string;
    readonly appendixLead: string;
    /**
     * Under the ranking when the pack lists only the first initiatives: how many of how many, and how many
     * of the others fall in each quadrant (`others`, already formatted).
     */
    readonly listedTop: (shown: string, total: string, others: string) => string;
    /** Captions of the appendix's two tables: one per axis, so each criterion keeps a readable column. */
    readonly appendixAxes: { readonly value: string; readonly feasibility: string };
    readonly continued: string;
    readonly page: (page: number, pages: number) => string;
    readonly matrixDescription: string;
    readonly fullNames: string;
  };
}
