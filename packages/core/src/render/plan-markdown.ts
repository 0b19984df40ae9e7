import { en } from "../i18n/en.js";
import { formatLocalNumber, quadrantName } from "../i18n/index.js";
import type { Messages } from "../i18n/messages.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import type { Plan, PlannedInitiative } from "../plan/plan.js";
import type { KpiId } from "../schema/kpi.js";
import { waveLabel } from "./plan-svg.js";

/**
 * Formats an amount with thousands separators and at most `digits` decimals, independent of the locale:
 * `1234567.891` -> `1,234,567.89`.
 *
 * @param amount - the number
 * @param digits - decimals kept (trailing zeros dropped)
 * @returns the text
 */
export function formatAmount(amount: number, digits = 0): string {
  const fixed = Math.abs(amount).toFixed(digits);
  const [whole = "0", fraction = ""] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = fraction.replace(/0+$/, "");
  const sign = amount < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

/** Escapes text for a Markdown table cell or line: markup characters get a backslash, newlines a space. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/([\\`*_[\]<>|#])/g, "\\$1");
}

/** Options of {@link renderPlanMarkdown}. */
export interface PlanMarkdownOptions {
  /** The language of every printed text (default English). */
  readonly messages?: Messages;
}

/**
 * Renders a plan as Markdown a leader can paste into a deck: a summary, one table per wave with the KPIs to
 * measure, KPI coverage and uncovered goals, capability overlap, right-sizing, what was left out, and notes
 * (notes only in English: they are sentences of the planner). Deterministic: the same plan always gives the
 * same text.
 *
 * @param plan - the output of `createPlan`
 * @param options - `messages`: the language (default English)
 * @returns Markdown text ending in a newline
 */
export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const m = options.messages ?? en;
  const t = m.plan;
  const amount = (value: number, digits = 0): string => formatLocalNumber(value, m, digits);
  const percent = (share: number): string => `${amount(share * 100, 1)} %`;
  const kpiList = (kpis: readonly KpiId[]): string =>
    kpis.length === 0 ? "-" : kpis.map((kpi) => m.kpis[kpi]).join(", ");
  const payback = (initiative: PlannedInitiative): string => {
    if (initiative.businessCase === null) return "-";
    const months = initiative.businessCase.paybackMonths;
    return months === null ? t.never : t.months(amount(months, 1));
  };
  const lines: string[] = [];
  const { totals } = plan;
  lines.push(`# ${t.documentTitle}`, "");
  lines.push(
    `- ${t.budgetLine(amount(plan.budget), amount(totals.cost), percent(plan.budget > 0 ? totals.cost / plan.budget : 0), amount(plan.granularity, 2))}`,
  );
  if (plan.capacity !== null) {
    lines.push(`- ${t.capacityLine(amount(plan.capacity, 1), amount(totals.effort ?? 0, 1))}`);
  }
  lines.push(`- ${t.selectedLine(totals.initiatives, plan.waves.length, t.objectives[plan.objective])}`);
  lines.push(
    `- ${t.businessCaseLine(amount(totals.npv), plan.horizonYears, `${amount(plan.discountRate * 100, 2)} %`, amount(totals.benefitPerYear), amount(totals.runCostPerYear))}`,
  );
  lines.push("");
  const byId = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative]));
  const c = t.columns;
  for (const wave of plan.waves) {
    const title = wave.number === 1 && wave.label === "Pilots" ? t.waveOnePilots : waveLabel(wave, m);
    lines.push(`## ${escapeMarkdown(title)}`, "");
    lines.push(
      `| ${c.initiative} | ${c.quadrant} | ${c.priority} | ${c.cost} | ${c.payback} | ${c.needs} |`,
      "|---|---|---:|---:|---:|---|",
    );
    for (const id of wave.initiatives) {
      const initiative = byId.get(id)!;
      const needs = initiative.dependsOn
        .map((other) => escapeMarkdown(byId.get(other)?.name ?? other))
        .join(", ");
      lines.push(
        `| ${escapeMarkdown(initiative.name)} | ${escapeMarkdown(quadrantOf(initiative, m))} | ${amount(initiative.priority, 1)} | ${amount(initiative.cost)} | ${payback(initiative)} | ${needs || "-"} |`,
      );
    }
    lines.push("");
    const effort = wave.effort === null ? undefined : amount(wave.effort, 1);
    lines.push(`${t.waveCost(amount(wave.cost), effort)} **${t.kpisToMeasure}:** ${kpiList(wave.kpis)}.`, "");
  }
  lines.push(`## ${t.kpiCoverage}`, "");
  if (plan.kpiCoverage.kpis.length === 0) lines.push(t.noKpis, "");
  else {
    lines.push(`| ${c.kpi} | ${c.initiatives} |`, "|---|---:|");
    for (const entry of plan.kpiCoverage.kpis)
      lines.push(`| ${m.kpis[entry.kpi]} | ${entry.initiatives.length} |`);
    lines.push("");
  }
  if (plan.kpiCoverage.uncoveredGoals.length > 0) {
    lines.push(`**${t.uncoveredGoals}:** ${kpiList(plan.kpiCoverage.uncoveredGoals)}.`, "");
  }
  const overlapping = plan.initiatives.filter((initiative) => initiative.overlap?.message);
  if (overlapping.length > 0) {
    lines.push(`## ${t.capabilitiesOwned}`, "");
    for (const initiative of overlapping) {
      lines.push(`- **${escapeMarkdown(initiative.name)}**: ${escapeMarkdown(initiative.overlap!.message!)}`);
    }
    lines.push("");
  }
  if (plan.capabilities !== null) {
    const { appsInUse, appsNeeded, retire, duplicates } = plan.capabilities;
    lines.push(`## ${t.rightSizing}`, "");
    lines.push(`- ${t.appsLine(appsInUse, appsNeeded)}`);
    if (retire.length > 0) lines.push(`- **${t.retire}:** ${retire.map(escapeMarkdown).join(", ")}`);
    for (const entry of duplicates) {
      lines.push(
        `- ${t.providedBy(escapeMarkdown(entry.capability), entry.apps.map(escapeMarkdown).join(", "))}`,
      );
    }
    lines.push("");
  }
  const left = plan.initiatives.filter((initiative) => !initiative.selected);
  if (left.length > 0) {
    lines.push(`## ${t.notInPlan}`, "");
    lines.push(`| ${c.initiative} | ${c.rank} | ${c.quadrant} | ${c.cost} |`, "|---|---:|---|---:|");
    for (const initiative of left) {
      lines.push(
        `| ${escapeMarkdown(initiative.name)} | ${initiative.rank} | ${escapeMarkdown(quadrantOf(initiative, m))} | ${amount(initiative.cost)} |`,
      );
    }
    lines.push("");
  }
  if (plan.notes.length > 0) {
    lines.push(`## ${t.notes}`, "");
    for (const note of plan.notes) lines.push(`- ${escapeMarkdown(note)}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function quadrantOf(initiative: PlannedInitiative, messages: Messages): string {
  return quadrantName(
    initiative.quadrantLabel,
    defaultModel.quadrantLabels[initiative.quadrant],
    messages.quadrants[initiative.quadrant],
  );
}
