import { KPI_IDS, KPIS, type KpiId } from "../schema/kpi.js";

/** One KPI and the initiatives that move it. */
export interface KpiCoverageEntry {
  readonly kpi: KpiId;
  /** What the KPI measures, e.g. `First-contact resolution`. */
  readonly label: string;
  /** Ids of the initiatives that move it, in input order. */
  readonly initiatives: readonly string[];
}

/** Which KPIs a set of initiatives moves, and which stated goals it leaves uncovered. */
export interface KpiCoverage {
  /** KPIs moved by at least one initiative: most initiatives first, then in the order of {@link KPI_IDS}. */
  readonly kpis: readonly KpiCoverageEntry[];
  /** The stated goals moved by at least one initiative, in the order given. */
  readonly coveredGoals: readonly KpiId[];
  /** The stated goals no initiative moves, in the order given. */
  readonly uncoveredGoals: readonly KpiId[];
}

/**
 * Summarises the KPIs a set of initiatives moves (through how many initiatives each) against the goals the
 * organisation states.
 *
 * @param initiatives - each with its `id` and `kpis`
 * @param goals - the KPIs the organisation wants to move (duplicates ignored)
 * @returns the coverage
 * @example
 * kpiCoverage([{ id: "vca", kpis: ["containment", "csat"] }], ["csat", "fcr"]).uncoveredGoals // ["fcr"]
 */
export function kpiCoverage(
  initiatives: readonly { readonly id: string; readonly kpis: readonly KpiId[] }[],
  goals: readonly KpiId[] = [],
): KpiCoverage {
  const byKpi = new Map<KpiId, string[]>();
  for (const initiative of initiatives) {
    for (const kpi of new Set(initiative.kpis)) {
      const ids = byKpi.get(kpi) ?? [];
      ids.push(initiative.id);
      byKpi.set(kpi, ids);
    }
  }
  const kpis = KPI_IDS.filter((kpi) => byKpi.has(kpi))
    .map((kpi) => ({ kpi, label: KPIS[kpi], initiatives: byKpi.get(kpi)! }))
    .sort((a, b) => b.initiatives.length - a.initiatives.length);
  const unique = [...new Set(goals)];
  return {
    kpis,
    coveredGoals: unique.filter((goal) => byKpi.has(goal)),
    uncoveredGoals: unique.filter((goal) => !byKpi.has(goal)),
  };
}
