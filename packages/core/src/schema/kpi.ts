import * as v from "valibot";

/** The KPI ids cxprism knows, with what each measures. */
export const KPIS = {
  fcr: "First-contact resolution",
  ces: "Customer effort score",
  csat: "Customer satisfaction",
  nps: "Net promoter score",
  aht: "Average handle time",
  containment: "Self-service containment rate",
  call_volume: "Assisted contact volume",
  time_to_resolution: "Time to resolution",
  digital_adoption: "Digital channel adoption",
  cost_per_contact: "Cost per contact",
  retention: "Customer retention",
  clv: "Customer lifetime value",
  agent_attrition: "Agent attrition",
  forecast_accuracy: "Workload forecast accuracy",
  service_level: "Service level",
  revenue: "Revenue",
} as const;

/** A known KPI id. */
export type KpiId = keyof typeof KPIS;

/** The known KPI ids, in the order above. */
export const KPI_IDS = Object.keys(KPIS) as KpiId[];

/** A known KPI id such as `fcr` or `csat`. */
export const KpiIdSchema = v.picklist(
  KPI_IDS as [KpiId, ...KpiId[]],
  `one of the KPI ids ${KPI_IDS.join(", ")}`,
);
