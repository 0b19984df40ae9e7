import type { Plan, PlannedInitiative } from "../plan/plan.js";
import { KPIS } from "../schema/kpi.js";

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

function percent(share: number): string {
  return `${formatAmount(share * 100, 1)} %`;
}

function payback(initiative: PlannedInitiative): string {
  const months = initiative.businessCase?.paybackMonths;
  if (initiative.businessCase === null) return "-";
  return months === null || months === undefined ? "never" : `${formatAmount(months, 1)} mo`;
}

function kpiList(kpis: readonly (keyof typeof KPIS)[]): string {
  return kpis.length === 0 ? "-" : kpis.map((kpi) => KPIS[kpi]).join(", ");
}

/**
 * Renders a plan as Markdown a leader can paste into a deck: a summary, one table per wave with the KPIs to
 * measure, KPI coverage and uncovered goals, capability overlap, right-sizing, what was left out, and notes.
 * Deterministic: the same plan always gives the same text.
 *
 * @param plan - the output of `createPlan`
 * @returns Markdown text ending in a newline
 */
export function renderPlanMarkdown(plan: Plan): string {
  const lines: string[] = [];
  const { totals } = plan;
  const objective =
    plan.objective === "net-benefit"
      ? "net benefit (NPV)"
      : plan.objective === "value"
        ? "business value"
        : "priority";
  lines.push("# AI initiative plan", "");
  lines.push(
    `- **Budget:** ${formatAmount(plan.budget)}; planned ${formatAmount(totals.cost)} (${percent(plan.budget > 0 ? totals.cost / plan.budget : 0)}), counted in units of ${formatAmount(plan.granularity, 2)}`,
  );
  if (plan.capacity !== null) {
    lines.push(
      `- **Capacity:** ${formatAmount(plan.capacity, 1)} person-months; planned ${formatAmount(totals.effort ?? 0, 1)}`,
    );
  }
  lines.push(
    `- **Selected:** ${totals.initiatives} initiative(s) in ${plan.waves.length} wave(s), maximising ${objective}`,
  );
  lines.push(
    `- **Business case:** NPV ${formatAmount(totals.npv)} over ${plan.horizonYears} year(s) at ${formatAmount(plan.discountRate * 100, 2)} %; benefit ${formatAmount(totals.benefitPerYear)} and running cost ${formatAmount(totals.runCostPerYear)} a year`,
  );
  lines.push("");
  const byId = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative]));
  for (const wave of plan.waves) {
    const title = wave.label === "Pilots" ? "Wave 1: pilots" : wave.label;
    lines.push(`## ${escapeMarkdown(title)}`, "");
    lines.push(
      "| Initiative | Quadrant | Priority | Cost | Payback | Needs |",
      "|---|---|---:|---:|---:|---|",
    );
    for (const id of wave.initiatives) {
      const initiative = byId.get(id)!;
      const needs = initiative.dependsOn
        .map((other) => escapeMarkdown(byId.get(other)?.name ?? other))
        .join(", ");
      lines.push(
        `| ${escapeMarkdown(initiative.name)} | ${escapeMarkdown(initiative.quadrantLabel)} | ${formatAmount(initiative.priority, 1)} | ${formatAmount(initiative.cost)} | ${payback(initiative)} | ${needs || "-"} |`,
      );
    }
    lines.push("");
    const effort = wave.effort === null ? "" : `, ${formatAmount(wave.effort, 1)} person-months`;
    lines.push(`Cost ${formatAmount(wave.cost)}${effort}. **KPIs to measure:** ${kpiList(wave.kpis)}.`, "");
  }
  lines.push("## KPI coverage", "");
  if (plan.kpiCoverage.kpis.length === 0) lines.push("The plan names no KPIs.", "");
  else {
    lines.push("| KPI | Initiatives |", "|---|---:|");
    for (const entry of plan.kpiCoverage.kpis) lines.push(`| ${entry.label} | ${entry.initiatives.length} |`);
    lines.push("");
  }
  if (plan.kpiCoverage.uncoveredGoals.length > 0) {
    lines.push(`**Goals left uncovered:** ${kpiList(plan.kpiCoverage.uncoveredGoals)}.`, "");
  }
  const overlapping = plan.initiatives.filter((initiative) => initiative.overlap?.message);
  if (overlapping.length > 0) {
    lines.push("## Capabilities already owned", "");
    for (const initiative of overlapping) {
      lines.push(`- **${escapeMarkdown(initiative.name)}**: ${escapeMarkdown(initiative.overlap!.message!)}`);
    }
    lines.push("");
  }
  if (plan.capabilities !== null) {
    const { appsInUse, appsNeeded, retire, duplicates } = plan.capabilities;
    lines.push("## Right-sizing", "");
    lines.push(`- **Applications in use:** ${appsInUse}; **needed** to keep every capability: ${appsNeeded}`);
    if (retire.length > 0) lines.push(`- **Candidates to retire:** ${retire.map(escapeMarkdown).join(", ")}`);
    for (const entry of duplicates) {
      lines.push(
        `- ${escapeMarkdown(entry.capability)} is provided by ${entry.apps.map(escapeMarkdown).join(", ")}`,
      );
    }
    lines.push("");
  }
  const left = plan.initiatives.filter((initiative) => !initiative.selected);
  if (left.length > 0) {
    lines.push("## Not in this plan", "");
    lines.push("| Initiative | Rank | Quadrant | Cost |", "|---|---:|---|---:|");
    for (const initiative of left) {
      lines.push(
        `| ${escapeMarkdown(initiative.name)} | ${initiative.rank} | ${escapeMarkdown(initiative.quadrantLabel)} | ${formatAmount(initiative.cost)} |`,
      );
    }
    lines.push("");
  }
  if (plan.notes.length > 0) {
    lines.push("## Notes", "");
    for (const note of plan.notes) lines.push(`- ${escapeMarkdown(note)}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
