/**
 * From ranking to plan with the library: a formula criterion (annual savings from contact volumes), a
 * budgeted, sequenced plan over the built-in catalog, and the Markdown report a leader can paste into a deck.
 * Costs, volumes and the inventory are illustrative.
 *
 *   npx tsx --conditions=@cxprism/source examples/plan-portfolio.ts          # Markdown on stdout
 *   npx tsx --conditions=@cxprism/source examples/plan-portfolio.ts svg > roadmap.svg
 */
import {
  type CriterionInput,
  CxprismError,
  catalogInitiatives,
  defaultModel,
  formatProblem,
  type ModelInput,
} from "@cxprism/core";
import { deriveFormulaCriteria } from "@cxprism/core/formula";
import { createPlan, renderPlanMarkdown, renderPlanSvg } from "@cxprism/core/plan";

const savings: CriterionInput = {
  id: "annual_savings",
  label: "Annual savings",
  description: "Contacts a year the initiative deflects or shortens, times their cost.",
  axis: "value",
  weight: 0.2,
  scale: { min: 0, max: 1_500_000 },
  formula: "contacts_per_year * deflection_rate * cost_per_contact",
};
const model: ModelInput = {
  ...defaultModel,
  id: "cx-ai-prism-savings",
  criteria: [...defaultModel.criteria, savings],
};

const initiatives = catalogInitiatives().map((initiative, i) => ({
  ...initiative,
  cost: 80_000 + ((i * 7) % 11) * 40_000,
  runCost: 15_000 + (i % 4) * 10_000,
  benefit: 60_000 + ((i * 5) % 9) * 35_000,
  effort: 3 + (i % 6) * 2,
  fields: {
    contacts_per_year: 1_200_000,
    deflection_rate: 0.02 + ((i * 3) % 10) / 100,
    cost_per_contact: 4.5,
  },
  capabilities: initiative.id === "knowledge-search" ? ["Knowledge search"] : [],
}));

try {
  const derived = deriveFormulaCriteria(initiatives, { model });
  const plan = createPlan(derived.initiatives, {
    model,
    budget: 2_000_000,
    capacity: 60,
    goals: ["fcr", "csat", "retention"],
    inventory: [
      { name: "Contact-centre suite", capabilities: ["Routing", "Knowledge search", "Call recording"] },
      { name: "Wiki", capabilities: ["Knowledge search"] },
    ],
    valueDiscount: 0.5,
  });
  process.stdout.write(process.argv[2] === "svg" ? renderPlanSvg(plan) : renderPlanMarkdown(plan));
} catch (error) {
  if (!(error instanceof CxprismError)) throw error;
  for (const problem of error.problems) console.error(formatProblem(problem));
  process.exitCode = 1;
}
