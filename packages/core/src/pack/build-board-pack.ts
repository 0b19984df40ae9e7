import type { DisagreementReport } from "../analysis/disagreement.js";
import type { MonteCarloResult } from "../confidence/monte-carlo.js";
import type { WeightStability } from "../confidence/stability.js";
import { en } from "../i18n/en.js";
import { formatLocalNumber, quadrantName } from "../i18n/index.js";
import type { Messages } from "../i18n/messages.js";
import { layoutMatrix } from "../matrix/layout.js";
import { describeMatrix, drawMatrixSvg } from "../matrix/svg.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import type { Plan } from "../plan/plan.js";
import { renderPlanSvg, waveLabel } from "../render/plan-svg.js";
import { type Model, RESULT_QUADRANTS, type ResultQuadrant } from "../schema/model.js";
import type { Result } from "../schema/result.js";
import type { BoardPack, PackBlock, PackSection, TableColumn } from "./document.js";

/** What {@link buildBoardPack} assembles. Only `results` and `date` are required; the rest adds sections. */
export interface BoardPackInput {
  /** The scored initiatives (the output of `score`). */
  readonly results: readonly Result[];
  /** The date printed on the pack, as the caller gives it (e.g. `2026-11-30`): core reads no clock. */
  readonly date: string;
  /** The model the results were scored with (default `cx-ai-prism`): its labels are printed as given. */
  readonly model?: Model;
  /** The language (default English). */
  readonly messages?: Messages;
  /** The pack's title (default the language's). */
  readonly title?: string;
  /** How many people rated. */
  readonly raters?: number;
  /** How many rating rounds the workshop held. */
  readonly rounds?: number;
  /** Rank and quadrant probabilities from `runMonteCarlo`. */
  readonly confidence?: MonteCarloResult;
  /** Weight intervals from `analyseWeightStability`. */
  readonly stability?: WeightStability;
  /** The ratings that split the raters, from `analyseDisagreement`. */
  readonly discussion?: DisagreementReport;
  /** The results of the previous round, to show what changed. */
  readonly previous?: { readonly label: string; readonly results: readonly Result[] };
  /** The label of the current round (with `previous`), e.g. "Round 2". */
  readonly roundLabel?: string;
  /** The budgeted plan from `createPlan`. */
  readonly plan?: Plan;
  /** The initiatives as rated (e.g. `Initiative`s), for the appendix of every rating. */
  readonly initiatives?: readonly RatedInitiative[];
  /**
   * How many initiatives, by rank, the pack shows in full (default {@link MAX_PACK_LISTED}): the ranking,
   * the confidence table, the discussed ratings, the round changes, the appendix and the names in the
   * matrix's description. The others are counted by quadrant under the ranking.
   */
  readonly maxListed?: number;
}

/**
 * The most initiatives a board pack shows in full by default: as many as the matrix labels
 * (`MAX_LABELLED_MARKERS`). A sponsor reads the top of a ranking, not a 500-page appendix; past it the pack
 * counts the rest by quadrant and points to the full results, and its size and rendering time stop growing
 * with the portfolio (docs/board-pack.md).
 */
export const MAX_PACK_LISTED = 100;

/** What the appendix needs of an initiative: its name and its ratings, by rater when it has several. */
export interface RatedInitiative {
  /** Its id: with one, an initiative past the listed ones by rank is left out of the appendix. */
  readonly id?: string | undefined;
  readonly name: string;
  readonly ratings?: Readonly<Record<string, unknown>> | undefined;
  readonly raters?:
    | readonly { readonly rater: string; readonly ratings: Readonly<Record<string, unknown>> }[]
    | undefined;
}

const READINESS_NOTE = 0.5;

/**
 * Assembles the board pack: a summary in sentences, the prism matrix, the ranked table with the largest
 * contributions, confidence, the discussed ratings and round changes, the plan's waves with their business
 * case and data-readiness notes, KPI coverage, application overlap, method and assumptions, and an appendix
 * of every rating. A section the input has no data for is left out, never shown empty; columns without data
 * (no NPV without benefit figures) likewise. Pure and deterministic: the date comes from the caller.
 *
 * @param input - results, date and whatever else the workshop produced
 * @returns the document model, every text in the chosen language
 * @example
 * const pack = buildBoardPack({ results: score(catalogInitiatives()), date: "2026-11-30", messages: de });
 */
export function buildBoardPack(input: BoardPackInput): BoardPack {
  const m = input.messages ?? en;
  const model = input.model ?? defaultModel;
  const results = [...input.results].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
  const listed = results.slice(0, Math.max(0, input.maxListed ?? MAX_PACK_LISTED));
  const ids = new Set(listed.map((result) => result.id));
  const context = createContext(m, model);
  const sections: PackSection[] = [];
  const add = (id: PackSection["id"], heading: string, blocks: readonly PackBlock[]): void => {
    if (blocks.length > 0) sections.push({ id, heading, blocks });
  };
  add("summary", m.pack.summary, summaryBlocks(input, results, context));
  if (results.length > 0)
    add("matrix", m.pack.matrix, [
      matrixFigure(results, model, m, listed.length < results.length ? ids : undefined),
    ]);
  add("ranking", m.pack.ranking, [
    ...othersNote(results, listed.length, context),
    ...rankingBlocks(listed, context),
  ]);
  add("confidence", m.pack.confidence, confidenceBlocks(input, ids, context));
  add("discussion", m.pack.discussion, discussionBlocks(input, ids, context));
  add("rounds", m.pack.rounds, roundBlocks(input, listed, context));
  add("plan", m.pack.plan, input.plan === undefined ? [] : planBlocks(input.plan, context));
  add("kpi-coverage", m.pack.kpiCoverage, input.plan === undefined ? [] : kpiBlocks(input.plan, context));
  add("overlap", m.pack.overlap, input.plan === undefined ? [] : overlapBlocks(input.plan, context));
  add("method", m.pack.method, methodBlocks(model, context));
  const rated = (input.initiatives ?? []).filter((initiative) =>
    initiative.id === undefined ? true : ids.has(initiative.id),
  );
  add("appendix", m.pack.appendix, appendixBlocks(rated, model, context));
  const byline = input.raters === undefined ? undefined : m.pack.preparedFor(input.raters, input.rounds ?? 0);
  return {
    lang: m.lang,
    direction: m.direction,
    title: input.title ?? m.pack.title,
    subtitle: m.pack.subtitle(input.date),
    ...(byline === undefined ? {} : { byline }),
    date: input.date,
    sections,
  };
}

interface Context {
  readonly m: Messages;
  readonly number: (value: number, digits?: number) => string;
  readonly percent: (share: number) => string;
  readonly quadrant: (quadrant: ResultQuadrant) => string;
  readonly criterion: (id: string) => string;
}

function createContext(m: Messages, model: Model): Context {
  const labels = new Map(model.criteria.map((criterion) => [criterion.id, criterion.label]));
  const number = (value: number, digits = 0): string => formatLocalNumber(value, m, digits);
  return {
    m,
    number,
    percent: (share) => `${number(share * 100, 0)} %`,
    quadrant: (quadrant) =>
      quadrantName(
        model.quadrantLabels[quadrant],
        defaultModel.quadrantLabels[quadrant],
        m.quadrants[quadrant],
      ),
    criterion: (id) => labels.get(id) ?? id,
  };
}

const column = (label: string, width: number, align: TableColumn["align"] = "start"): TableColumn => ({
  label,
  width,
  align,
});

/** Criteria of both axes by what they add, largest first (ties by id). */
function largestContributions(result: Result, count: number): [string, number][] {
  const all = [
    ...Object.entries(result.contributions.value),
    ...Object.entries(result.contributions.feasibility),
  ];
  return all.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count);
}

function summaryBlocks(input: BoardPackInput, results: readonly Result[], c: Context): PackBlock[] {
  if (results.length === 0) return [];
  const { m } = c;
  const wins = results.filter((result) => result.quadrant === "likely-win").length;
  const sentences = [m.pack.summaryLead(results.length, wins)];
  const blocks: PackBlock[] = [{ kind: "paragraph", text: sentences[0]!, style: "lead" }];
  const top = results.slice(0, 3).map((result) => {
    const why = largestContributions(result, 2).map(([id]) => c.criterion(id));
    return `${m.pack.summaryTop(result.rank, result.name, c.quadrant(result.quadrant), c.number(result.priority))} ${m.pack.summaryWhy(why.join(", "))}`;
  });
  blocks.push({ kind: "bullets", items: top });
  const first = input.confidence?.initiatives.find((entry) => entry.id === results[0]!.id);
  if (first !== undefined) {
    blocks.push({ kind: "paragraph", text: m.pack.summaryConfidence(first.name, c.percent(first.topK)) });
  }
  if (input.plan !== undefined && input.plan.waves.length > 0) {
    const plan = input.plan;
    blocks.push({
      kind: "paragraph",
      text: m.pack.summaryPlan(
        plan.totals.initiatives,
        plan.waves.length,
        c.number(plan.totals.cost),
        c.number(plan.budget),
      ),
    });
  }
  return blocks;
}

/** Under a ranking cut at the listed initiatives: how many the rest are, by quadrant. */
function othersNote(results: readonly Result[], shown: number, c: Context): PackBlock[] {
  if (shown >= results.length) return [];
  const counts = new Map<ResultQuadrant, number>();
  for (const result of results.slice(shown))
    counts.set(result.quadrant, (counts.get(result.quadrant) ?? 0) + 1);
  // In the matrix's order of quadrants (likely wins first), not the order they happen to come in.
  const others = RESULT_QUADRANTS.filter((quadrant) => counts.has(quadrant))
    .map((quadrant) => `${c.quadrant(quadrant)} ${c.number(counts.get(quadrant)!)}`)
    .join(", ");
  return [
    {
      kind: "paragraph",
      text: c.m.pack.listedTop(c.number(shown), c.number(results.length), others),
      style: "note",
    },
  ];
}

function matrixFigure(
  results: readonly Result[],
  model: Model,
  m: Messages,
  named: ReadonlySet<string> | undefined,
): PackBlock {
  const width = 960;
  const height = results.length > 30 ? 760 : 680;
  const layout = layoutMatrix(results, { width, height, model, messages: m, idPrefix: "pack-matrix" });
  return {
    kind: "figure",
    figure: "matrix",
    svg: drawMatrixSvg(layout),
    width,
    height,
    description: describeMatrix(layout, named),
  };
}

function rankingBlocks(results: readonly Result[], c: Context): PackBlock[] {
  if (results.length === 0) return [];
  const t = c.m.pack.columns;
  return [
    {
      kind: "table",
      columns: [
        column(t.rank, 0.5, "end"),
        column(t.initiative, 3),
        column(t.quadrant, 1.6),
        column(t.value, 0.9, "end"),
        column(t.feasibility, 1.1, "end"),
        column(t.priority, 0.9, "end"),
        column(t.topContributions, 3.4),
      ],
      rows: results.map((result) => [
        String(result.rank),
        result.name,
        c.quadrant(result.quadrant),
        c.number(result.value, 1),
        c.number(result.feasibility, 1),
        c.number(result.priority, 1),
        largestContributions(result, 3)
          .map(([id, points]) => `${c.criterion(id)} +${c.number(points, 1)}`)
          .join("; "),
      ]),
    },
  ];
}

function confidenceBlocks(input: BoardPackInput, listed: ReadonlySet<string>, c: Context): PackBlock[] {
  const blocks: PackBlock[] = [];
  const t = c.m.pack.columns;
  const confidence = input.confidence;
  if (confidence !== undefined && confidence.initiatives.length > 0) {
    const k = confidence.k;
    blocks.push({ kind: "paragraph", text: c.m.pack.confidenceLead(confidence.iterations), style: "note" });
    blocks.push({
      kind: "table",
      columns: [
        column(t.rank, 0.5, "end"),
        column(t.initiative, 3),
        column(t.probabilityTop(k), 1, "end"),
        column(t.probabilityQuadrant, 1.4, "end"),
        column(t.rankRange, 1.3, "end"),
      ],
      rows: confidence.initiatives
        .filter((entry) => listed.has(entry.id))
        .map((entry) => {
          const probabilities = entry.rankProbabilities;
          const likeliest =
            probabilities.reduce((best, p, k) => (p > probabilities[best]! ? k : best), 0) + 1;
          return [
            String(entry.baseRank),
            entry.name,
            c.percent(entry.topK),
            // An unrated initiative has no quadrant to keep: the column says so rather than "100 %".
            entry.baseQuadrant === "unrated"
              ? c.quadrant("unrated")
              : c.percent(entry.quadrants[entry.baseQuadrant]),
            String(likeliest),
          ];
        }),
    });
  }
  const stability = input.stability;
  if (stability !== undefined && stability.criteria.length > 0) {
    blocks.push({
      kind: "bullets",
      items: stability.criteria.map((entry) =>
        c.m.pack.stabilityLine(
          c.criterion(entry.criterion),
          c.percent(entry.top1.low),
          c.percent(entry.top1.high),
          c.percent(entry.share),
        ),
      ),
    });
  }
  return blocks;
}

function discussionBlocks(input: BoardPackInput, listed: ReadonlySet<string>, c: Context): PackBlock[] {
  const discuss = (input.discussion?.discuss ?? []).filter((spread) => listed.has(spread.initiative));
  if (discuss.length === 0) return [];
  const t = c.m.pack.columns;
  return [
    { kind: "paragraph", text: c.m.pack.discussionLead(discuss.length), style: "note" },
    {
      kind: "table",
      columns: [column(t.initiative, 2.4), column(t.criterion, 2), column(t.spread, 3), column(t.change, 2)],
      rows: discuss.map((spread) => [
        spread.name,
        c.criterion(spread.criterion),
        spread.ratings.map((rating) => `${rating.rater} ${String(rating.rating)}`).join(", "),
        spread.impact === null
          ? "-"
          : spread.impact.quadrantChanges
            ? `${c.quadrant(spread.impact.quadrantAtLowest)} → ${c.quadrant(spread.impact.quadrantAtHighest)}`
            : `#${spread.impact.rankAtLowest} → #${spread.impact.rankAtHighest}`,
      ]),
    },
  ];
}

function roundBlocks(input: BoardPackInput, results: readonly Result[], c: Context): PackBlock[] {
  if (input.previous === undefined) return [];
  const before = new Map(input.previous.results.map((result) => [result.id, result]));
  const changed = results.filter((result) => {
    const old = before.get(result.id);
    return old !== undefined && (old.rank !== result.rank || old.quadrant !== result.quadrant);
  });
  if (changed.length === 0) return [];
  const t = c.m.pack.columns;
  const describe = (result: Result): string => `#${result.rank} · ${c.quadrant(result.quadrant)}`;
  return [
    {
      kind: "paragraph",
      text: c.m.pack.roundsLead(input.previous.label, input.roundLabel ?? c.m.pack.currentRound),
      style: "note",
    },
    {
      kind: "table",
      columns: [column(t.initiative, 3), column(t.before, 2), column(t.after, 2)],
      rows: changed.map((result) => [result.name, describe(before.get(result.id)!), describe(result)]),
    },
  ];
}

function planBlocks(plan: Plan, c: Context): PackBlock[] {
  if (plan.waves.length === 0) return [];
  const t = c.m.pack.columns;
  const byId = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative]));
  const blocks: PackBlock[] = [{ kind: "figure", figure: "roadmap", ...roadmapFigure(plan, c.m) }];
  for (const wave of plan.waves) {
    const members = wave.initiatives.map((id) => byId.get(id)!);
    const withCase = members.some((initiative) => initiative.businessCase !== null);
    blocks.push({
      kind: "paragraph",
      text: c.m.pack.wave(waveLabel(wave, c.m), c.number(wave.cost)),
      style: "lead",
    });
    const columns = [column(t.initiative, 3), column(t.cost, 1.2, "end")];
    if (withCase)
      columns.push(column(t.npv, 1.2, "end"), column(t.roi, 0.9, "end"), column(t.payback, 1.1, "end"));
    columns.push(column(t.kpis, 3));
    blocks.push({
      kind: "table",
      columns,
      rows: members.map((initiative) => {
        const money = initiative.businessCase;
        const row = [initiative.name, c.number(initiative.cost)];
        if (withCase) {
          row.push(
            money === null ? "-" : c.number(money.npv),
            money?.roi === null || money === null ? "-" : c.percent(money.roi),
            money === null
              ? "-"
              : money.paybackMonths === null
                ? c.m.plan.never
                : c.m.plan.months(c.number(money.paybackMonths, 1)),
          );
        }
        row.push(initiative.kpis.map((kpi) => c.m.kpis[kpi]).join(", ") || "-");
        return row;
      }),
    });
  }
  const unready = plan.initiatives.filter(
    (initiative) =>
      initiative.selected && initiative.dataReadiness !== null && initiative.dataReadiness < READINESS_NOTE,
  );
  if (unready.length > 0) {
    blocks.push({ kind: "paragraph", text: c.m.pack.dataReadiness, style: "lead" });
    blocks.push({
      kind: "bullets",
      items: unready.map((initiative) =>
        c.m.pack.dataReadinessLine(initiative.name, c.percent(initiative.dataReadiness!)),
      ),
    });
  }
  return blocks;
}

function roadmapFigure(plan: Plan, m: Messages) {
  const svg = renderPlanSvg(plan, { messages: m });
  const size = /width="(\d+)" height="(\d+)"/.exec(svg)!;
  return {
    svg,
    width: Number(size[1]),
    height: Number(size[2]),
    description: m.plan.roadmapDescription(
      plan.totals.initiatives,
      plan.waves.length,
      formatLocalNumber(plan.totals.cost, m),
      formatLocalNumber(plan.budget, m),
    ),
  };
}

function kpiBlocks(plan: Plan, c: Context): PackBlock[] {
  const coverage = plan.kpiCoverage;
  if (coverage.kpis.length === 0 && coverage.uncoveredGoals.length === 0) return [];
  const names = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative.name]));
  const t = c.m.pack.columns;
  const blocks: PackBlock[] = [];
  if (coverage.kpis.length > 0) {
    blocks.push({
      kind: "table",
      columns: [column(t.kpis, 2), column(t.initiativesCount, 4)],
      rows: coverage.kpis.map((entry) => [
        c.m.kpis[entry.kpi],
        entry.initiatives.map((id) => names.get(id) ?? id).join(", "),
      ]),
    });
  }
  if (coverage.uncoveredGoals.length > 0) {
    blocks.push({
      kind: "paragraph",
      text: c.m.pack.uncoveredGoals(coverage.uncoveredGoals.map((kpi) => c.m.kpis[kpi]).join(", ")),
    });
  }
  return blocks;
}

function overlapBlocks(plan: Plan, c: Context): PackBlock[] {
  const covered = plan.initiatives.filter((initiative) => (initiative.overlap?.covered.length ?? 0) > 0);
  if (covered.length === 0) return [];
  return [
    {
      kind: "bullets",
      items: covered.map((initiative) => {
        const apps = [...new Set(initiative.overlap!.covered.flatMap((entry) => entry.apps))];
        return c.m.pack.overlapLine(initiative.name, apps.join(", "));
      }),
    },
  ];
}

function methodBlocks(model: Model, c: Context): PackBlock[] {
  const t = c.m.pack.columns;
  const totals = { value: 0, feasibility: 0 };
  for (const criterion of model.criteria) totals[criterion.axis] += criterion.weight;
  return [
    {
      kind: "paragraph",
      text: c.m.pack.methodLead(
        c.m.priorityRules[model.priority],
        String(model.thresholds.value),
        String(model.thresholds.feasibility),
        c.m.pack.aggregations[model.raterAggregation],
      ),
    },
    {
      kind: "table",
      columns: [
        column(t.criterion, 2.2),
        column(t.axis, 1.1),
        column(t.weight, 0.9, "end"),
        column(t.direction, 1.4),
        column(t.scale, 4),
      ],
      rows: model.criteria.map((criterion) => {
        const total = totals[criterion.axis];
        const scale = criterion.scale;
        const points = "labels" in scale ? scale.labels.join(" · ") : `${scale.min}-${scale.max}`;
        const rubric = criterion.levels === undefined ? points : `${points}: ${criterion.levels.join(" · ")}`;
        return [
          criterion.label,
          c.m.pack.axes[criterion.axis],
          total > 0 ? c.percent(criterion.weight / total) : "-",
          c.m.pack.directions[criterion.direction],
          rubric,
        ];
      }),
    },
  ];
}

/**
 * Every rating as given, one row per initiative and rater, in one table per axis: eleven criteria side by side
 * would leave each column too narrow for its label on a page.
 */
function appendixBlocks(initiatives: readonly RatedInitiative[], model: Model, c: Context): PackBlock[] {
  const rated = model.criteria.filter((criterion) => criterion.formula === undefined);
  const sets = initiatives.flatMap((initiative) =>
    (
      initiative.raters ??
      (initiative.ratings === undefined ? [] : [{ rater: "", ratings: initiative.ratings }])
    ).map((set) => ({ name: initiative.name, ...set })),
  );
  if (sets.length === 0) return [];
  const withRaters = sets.some((set) => set.rater !== "");
  const t = c.m.pack.columns;
  const blocks: PackBlock[] = [{ kind: "paragraph", text: c.m.pack.appendixLead, style: "note" }];
  for (const axis of ["value", "feasibility"] as const) {
    const criteria = rated.filter((criterion) => criterion.axis === axis);
    if (criteria.length === 0) continue;
    const columns = [
      column(t.initiative, 3),
      ...(withRaters ? [column(t.rater, 1.4)] : []),
      ...criteria.map((criterion) => column(criterion.label, 1, "end")),
    ];
    const rows = sets.map((set) => [
      set.name,
      ...(withRaters ? [set.rater] : []),
      ...criteria.map((criterion) => {
        const value = set.ratings[criterion.id];
        return value === undefined || value === null ? "-" : String(value);
      }),
    ]);
    blocks.push({ kind: "paragraph", text: c.m.pack.appendixAxes[axis] }, { kind: "table", columns, rows });
  }
  return blocks;
}
