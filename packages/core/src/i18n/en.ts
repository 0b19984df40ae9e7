import { KPIS } from "../schema/kpi.js";
import type { Messages } from "./messages.js";

const s = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

const RULE_MEAN = {
  closeness: ["closer to the ideal", "corner (100, 100)"],
  "geometric-mean": ["higher geometric", "mean of value and feasibility"],
  "weighted-mean": ["higher weighted", "mean of value and feasibility"],
} as const;

/** English: the default language. */
export const en: Messages = {
  lang: "en",
  direction: "ltr",
  number: { decimal: ".", group: "," },
  quadrants: {
    "likely-win": "Likely win",
    "calculated-risk": "Calculated risk",
    "marginal-gain": "Marginal gain",
    unlikely: "Unlikely",
    unrated: "Unrated",
  },
  kpis: KPIS,
  priorityRules: {
    closeness: "closeness to the ideal corner",
    "geometric-mean": "geometric mean of value and feasibility",
    "weighted-mean": "weighted mean of value and feasibility",
  },
  matrix: {
    title: "Prism matrix: business value vs feasibility",
    subtitle: (count, rule, value, feasibility) =>
      `${s(count, "initiative", "initiatives")} · priority = ${rule} · thresholds: value ${value}, feasibility ${feasibility}`,
    feasibilityAxis: "Feasibility →",
    valueAxis: "Business value →",
    valueAxisShort: "Value →",
    category: "Category",
    uncategorised: "Uncategorised",
    cost: "Cost",
    size: (label) => `Size: ${label}`,
    noSize: (label) => `no ${label.toLowerCase()} given`,
    priority: "Priority",
    low: "low",
    high: "high",
    bandCaption: (rule, theme) => {
      const [head, tail] = RULE_MEAN[rule];
      // The bands stack a tint: on a dark background more of it reads brighter, on a light one darker.
      return [`${theme === "dark" ? "Brighter" : "Darker"}: ${head}`, tail];
    },
    keyOverflow: (count, from) => `… and ${count} more (numbers ${from} and up)`,
    unlabelled: (top, count) => [
      `Names on the top ${top}`,
      "by priority only;",
      `${count} markers unlabelled`,
    ],
    keyTitle: "Key: initiatives numbered on the chart",
    initiatives: "Initiatives",
    words: { value: "value", feasibility: "feasibility", priority: "priority" },
    describe: (count, value, feasibility, rule) =>
      `Scatter plot of ${s(count, "initiative", "initiatives")}: business value from 0 to 100 upwards, feasibility from 0 to 100 to the right. Quadrant thresholds: value ${value}, feasibility ${feasibility}. Shaded bands show priority, the ${rule}.`,
    moreNames: (count) => `and ${count} more`,
    textAxes: (count) => `Business value ↑  ·  Feasibility →  ·  ${s(count, "initiative", "initiatives")}`,
    unratedTitle: (count) => `Unrated (${count})`,
    unratedNote: "No ratings on an axis: not plotted",
  },
  plan: {
    documentTitle: "AI initiative plan",
    pilots: "Pilots",
    wave: (number) => `Wave ${number}`,
    waveOnePilots: "Wave 1: pilots",
    roadmapTitle: (count, cost, budget) =>
      `Roadmap: ${s(count, "initiative", "initiatives")}, cost ${cost} of ${budget}`,
    roadmapDescription: (count, waves, cost, budget) =>
      `Roadmap: ${s(count, "initiative", "initiatives")} in ${s(waves, "wave", "waves")}, cost ${cost} of ${budget}`,
    priorityShort: (priority) => `priority ${priority}`,
    nothingFits: "Nothing fits the budget.",
    needs: (names) => `needs ${names}`,
    budgetLine: (budget, cost, share, unit) =>
      `**Budget:** ${budget}; planned ${cost} (${share}), counted in units of ${unit}`,
    capacityLine: (capacity, effort) => `**Capacity:** ${capacity} person-months; planned ${effort}`,
    selectedLine: (count, waves, objective) =>
      `**Selected:** ${s(count, "initiative", "initiatives")} in ${s(waves, "wave", "waves")}, maximising ${objective}`,
    objectives: { priority: "priority", value: "business value", "net-benefit": "net benefit (NPV)" },
    businessCaseLine: (npv, years, rate, benefit, runCost) =>
      `**Business case:** NPV ${npv} over ${s(years, "year", "years")} at ${rate}; benefit ${benefit} and running cost ${runCost} a year`,
    columns: {
      initiative: "Initiative",
      quadrant: "Quadrant",
      priority: "Priority",
      cost: "Cost",
      payback: "Payback",
      needs: "Needs",
      rank: "Rank",
      kpi: "KPI",
      initiatives: "Initiatives",
    },
    never: "never",
    months: (months) => `${months} mo`,
    waveCost: (cost, effort) => `Cost ${cost}${effort === undefined ? "" : `, ${effort} person-months`}.`,
    kpisToMeasure: "KPIs to measure",
    kpiCoverage: "KPI coverage",
    noKpis: "The plan names no KPIs.",
    uncoveredGoals: "Goals left uncovered",
    capabilitiesOwned: "Capabilities already owned",
    rightSizing: "Right-sizing",
    appsLine: (inUse, needed) =>
      `**Applications in use:** ${inUse}; **needed** to keep every capability: ${needed}`,
    retire: "Candidates to retire",
    providedBy: (capability, apps) => `${capability} is provided by ${apps}`,
    notInPlan: "Not in this plan",
    notes: "Notes",
    dependencyNote: "Arrows run from a prerequisite to the initiative that needs it.",
  },
  pack: {
    title: "AI initiatives: what to do first",
    subtitle: (date) => `Board pack · ${date}`,
    preparedFor: (raters, rounds) =>
      `${s(raters, "rater", "raters")}${rounds > 0 ? ` · ${s(rounds, "rating round", "rating rounds")}` : ""}`,
    summary: "Summary",
    summaryLead: (count, likelyWins) =>
      `We rated ${s(count, "initiative", "initiatives")} on business value and feasibility; ${likelyWins === 1 ? "1 is a likely win" : `${likelyWins} are likely wins`}.`,
    summaryTop: (rank, name, quadrant, priority) => `#${rank} ${name} (${quadrant}, priority ${priority}).`,
    summaryWhy: (criteria) => `It scores highest on ${criteria}.`,
    summaryConfidence: (name, probability) =>
      `${name} stays in the top three in ${probability} of plausible variations of weights and ratings.`,
    summaryPlan: (count, waves, cost, budget) =>
      `The plan funds ${s(count, "initiative", "initiatives")} in ${s(waves, "wave", "waves")} for ${cost} of a ${budget} budget.`,
    matrix: "The prism matrix",
    ranking: "Ranking and what drives it",
    columns: {
      rank: "#",
      initiative: "Initiative",
      quadrant: "Quadrant",
      value: "Value",
      feasibility: "Feasibility",
      priority: "Priority",
      topContributions: "Largest contributions",
      probabilityTop: (k) => `P(top ${k})`,
      probabilityQuadrant: "P(same quadrant)",
      rankRange: "Most likely rank",
      criterion: "Criterion",
      axis: "Axis",
      weight: "Weight",
      direction: "Direction",
      scale: "Scale",
      rater: "Rater",
      spread: "Ratings",
      before: "Before",
      after: "After",
      change: "Change",
      npv: "NPV",
      roi: "ROI",
      payback: "Payback",
      kpis: "KPIs to measure",
      cost: "Cost",
      coveredBy: "Already covered by",
      initiativesCount: "Initiatives",
    },
    confidence: "How sure is the ranking?",
    confidenceLead: (iterations) =>
      `Probabilities from ${iterations} simulated variations of the weights and ratings.`,
    stability: "Weight stability",
    stabilityLine: (criterion, low, high, current) =>
      `${criterion}: the top initiative stays first for weights from ${low} to ${high} (now ${current}).`,
    discussion: "Ratings the room discussed",
    discussionLead: (count) =>
      `${s(count, "rating", "ratings")} split the raters enough to change a rank or quadrant.`,
    rounds: "What changed between rounds",
    currentRound: "this round",
    roundsLead: (from, to) => `From ${from} to ${to}.`,
    plan: "The plan",
    wave: (label, cost) => `${label} · ${cost}`,
    dataReadiness: "Data readiness",
    dataReadinessLine: (name, readiness) =>
      `${name}: data readiness ${readiness}. Make the data ready before scaling it.`,
    aggregations: { mean: "mean", median: "median", "geometric-mean": "geometric mean" },
    kpiCoverage: "KPI coverage of the goals",
    uncoveredGoals: (kpis) => `Goals no planned initiative moves: ${kpis}.`,
    overlap: "Consolidate before buying",
    overlapLine: (name, apps) => `${name}: already covered by ${apps}.`,
    method: "Method and assumptions",
    methodLead: (rule, value, feasibility, aggregation) =>
      `Priority is the ${rule}. Quadrant thresholds: value ${value}, feasibility ${feasibility}. Raters combined by ${aggregation}.`,
    axes: { value: "Value", feasibility: "Feasibility" },
    directions: { benefit: "higher is better", cost: "lower is better" },
    appendix: "Appendix: every rating",
    appendixLead: "Each rating as given, one row per initiative and rater.",
    listedTop: (shown, total, others) =>
      `This pack shows the first ${shown} of ${total} initiatives by rank in full; the tables from here on list only these. The others: ${others}. Every initiative is in the full results and their CSV export.`,
    appendixAxes: { value: "Business value criteria", feasibility: "Feasibility criteria" },
    continued: "(continued)",
    page: (page, pages) => `${page} / ${pages}`,
    matrixDescription: "Description of the matrix",
    fullNames: "Full names",
  },
};
