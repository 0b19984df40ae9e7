import type { Criterion, Model } from "../schema/index.js";

const FIVE_POINT = { min: 1, max: 5 } as const;

function criterion(
  fields: Omit<Criterion, "scale" | "direction" | "levels"> & { direction?: Criterion["direction"] },
  levels: [string, string, string, string, string],
): Criterion {
  return { direction: "benefit", ...fields, scale: FIVE_POINT, levels };
}

/**
 * The default model, `cx-ai-prism`: five business-value criteria and six feasibility criteria, each rated
 * 1-5 against a rubric sentence per level. Weights lean on what most often decides a CX AI project: customer
 * impact and cost-to-serve for value, data readiness (the most common reason AI projects fail) for
 * feasibility. Two feasibility criteria are costs: more integration effort and a longer time to value are worse.
 */
export const defaultModel: Model = {
  id: "cx-ai-prism",
  name: "CX AI prism",
  description:
    "Scores customer-service AI use cases on business value and feasibility with anchored 1-5 rubrics.",
  aggregation: "weighted-sum",
  priority: "closeness",
  axisWeights: { value: 1, feasibility: 1 },
  thresholds: { value: 50, feasibility: 50 },
  quadrantLabels: {
    "likely-win": "Likely win",
    "calculated-risk": "Calculated risk",
    "marginal-gain": "Marginal gain",
    unlikely: "Unlikely",
    unrated: "Unrated",
  },
  raterAggregation: "mean",
  criteria: [
    criterion(
      {
        id: "cx_impact",
        label: "Customer experience impact",
        description: "How much customers will feel it: effort, speed, resolution, satisfaction.",
        axis: "value",
        weight: 0.3,
      },
      [
        "Customers would not notice the change.",
        "Small improvement for a minority of contacts.",
        "Noticeable improvement in effort or speed for a common journey.",
        "Clear improvement in resolution or satisfaction across major journeys.",
        "Transforms how most customers are served; visible in CSAT/NPS within a year.",
      ],
    ),
    criterion(
      {
        id: "cost_to_serve",
        label: "Cost-to-serve reduction",
        description: "Reduction in assisted contacts, handle time or cost per contact.",
        axis: "value",
        weight: 0.25,
      },
      [
        "No measurable effect on cost to serve.",
        "Under 2% of service cost; hard to attribute.",
        "2-5% of service cost through deflection or shorter handling.",
        "5-10% of service cost, measurable per contact.",
        "Over 10% of service cost, with a clear baseline to measure against.",
      ],
    ),
    criterion(
      {
        id: "revenue_retention",
        label: "Revenue and retention impact",
        description: "Effect on churn, conversion, cross-sell and lifetime value.",
        axis: "value",
        weight: 0.2,
      },
      [
        "No link to revenue or retention.",
        "Indirect link through satisfaction only.",
        "Plausible effect on churn or conversion in one segment.",
        "Measurable effect on churn, conversion or cross-sell.",
        "Material, attributable revenue or retention gain across segments.",
      ],
    ),
    criterion(
      {
        id: "employee_experience",
        label: "Employee and agent experience",
        description: "Effect on agents' workload, confidence, onboarding and attrition.",
        axis: "value",
        weight: 0.1,
      },
      [
        "Adds work or friction for agents.",
        "Neutral for agents.",
        "Removes some repetitive work.",
        "Noticeably easier, faster work; shorter onboarding.",
        "Changes agents' day for the better; expected to reduce attrition.",
      ],
    ),
    criterion(
      {
        id: "strategic_fit",
        label: "Strategic fit",
        description: "Alignment with the CX strategy and the platforms the organisation is standardising on.",
        axis: "value",
        weight: 0.15,
      },
      [
        "Contradicts the CX strategy or adds yet another point solution.",
        "Unrelated to stated priorities.",
        "Supports a stated priority.",
        "Directly advances a top-three CX priority.",
        "Core to the CX strategy and consolidates existing tools.",
      ],
    ),
    criterion(
      {
        id: "tech_maturity",
        label: "Technology maturity",
        description: "How proven the technology is in comparable contact centres.",
        axis: "feasibility",
        weight: 0.15,
      },
      [
        "Research stage; no production references.",
        "Early products; few references, fast-changing.",
        "Established products with references outside our industry.",
        "Mature products with references in our industry.",
        "Commodity capability available in platforms we already run.",
      ],
    ),
    criterion(
      {
        id: "data_readiness",
        label: "Data readiness",
        description: "Availability, quality, labelling and governance of the data the use case needs.",
        axis: "feasibility",
        weight: 0.25,
      },
      [
        "Needed data does not exist or cannot be used.",
        "Data exists but is scattered, unlabelled or of unknown quality.",
        "Data is available with known gaps; cleansing is needed.",
        "Data is clean and accessible for most of the scope.",
        "Trusted, governed data is in place and already used for reporting.",
      ],
    ),
    criterion(
      {
        id: "integration_effort",
        label: "Integration effort",
        description:
          "Work to connect to telephony, CRM, knowledge and back-office systems (higher is harder).",
        axis: "feasibility",
        weight: 0.2,
        direction: "cost",
      },
      [
        "Switch on in a platform we already run.",
        "One integration through existing APIs.",
        "Several integrations through existing APIs.",
        "New integrations or middleware across core systems.",
        "Re-platforming or custom work across many systems.",
      ],
    ),
    criterion(
      {
        id: "org_readiness",
        label: "Organisational readiness",
        description: "Sponsorship, skills, process ownership and capacity for change.",
        axis: "feasibility",
        weight: 0.15,
      },
      [
        "No sponsor and no owner.",
        "Interest but no committed sponsor or team.",
        "Sponsor named; skills or capacity partly missing.",
        "Sponsor and owner committed; team mostly in place.",
        "Funded team with the skills and a change plan in place.",
      ],
    ),
    criterion(
      {
        id: "acceptance",
        label: "Customer and regulatory acceptance",
        description:
          "Likelihood that customers, works councils and regulators accept it (privacy, AI rules).",
        axis: "feasibility",
        weight: 0.1,
      },
      [
        "Likely to be rejected or prohibited.",
        "Significant privacy, consent or regulatory hurdles.",
        "Acceptable with safeguards and a review.",
        "Broadly accepted with standard safeguards.",
        "No concerns; customers expect it.",
      ],
    ),
    criterion(
      {
        id: "time_to_value",
        label: "Time to value",
        description: "Time until measurable benefit (higher is slower).",
        axis: "feasibility",
        weight: 0.15,
        direction: "cost",
      },
      ["Under 3 months.", "3-6 months.", "6-12 months.", "12-18 months.", "Over 18 months."],
    ),
  ],
};
