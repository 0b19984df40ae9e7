import { defaultModel } from "../model/cx-ai-prism.js";
import type { KpiId } from "../schema/kpi.js";

/** One built-in CX AI use case. */
export interface UseCase {
  /** Stable id, also the initiative id when the use case is scored. */
  readonly id: string;
  readonly name: string;
  readonly category: UseCaseCategory;
  readonly description: string;
  /** KPIs this use case typically moves. */
  readonly kpis: readonly KpiId[];
  /** Ids of catalog use cases that usually come first (knowledge search before a virtual assistant). */
  readonly enablers: readonly string[];
  /**
   * Illustrative 1-5 ratings on the `cx-ai-prism` criteria: a starting point for a workshop, to be replaced
   * by the organisation's own judgement. They are not research data.
   */
  readonly illustrativeRatings: Readonly<Record<string, number>>;
}

/** The catalog's categories. */
export type UseCaseCategory =
  | "self-service"
  | "agent assist"
  | "routing & workforce"
  | "analytics & insight"
  | "proactive & personalisation"
  | "trust & security";

/** What the catalog's ratings are, in one sentence, for anyone who shows them. */
export const ILLUSTRATIVE_RATINGS_NOTICE =
  "Illustrative ratings: a starting point for a workshop, not research data. Replace them with your own.";

// Rating order (the default model's criteria): cx_impact, cost_to_serve, revenue_retention, employee_experience, strategic_fit,
// tech_maturity, data_readiness, integration_effort (cost), org_readiness, acceptance, time_to_value (cost).
type Ratings11 = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);

function useCase(
  id: string,
  name: string,
  category: UseCaseCategory,
  description: string,
  kpis: readonly KpiId[],
  enablers: readonly string[],
  ratings: Ratings11,
): UseCase {
  const illustrativeRatings = Object.fromEntries(CRITERIA.map((criterion, i) => [criterion, ratings[i]!]));
  return { id, name, category, description, kpis, enablers, illustrativeRatings };
}

/**
 * The built-in catalog of CX AI use cases, each with KPIs, enablers and illustrative ratings
 * ({@link ILLUSTRATIVE_RATINGS_NOTICE}).
 */
export const catalog: readonly UseCase[] = [
  useCase(
    "knowledge-search",
    "Knowledge search",
    "agent assist",
    "Semantic search over the knowledge base for agents and customers, with answers grounded in approved articles.",
    ["aht", "fcr", "time_to_resolution"],
    [],
    [3, 3, 2, 4, 4, 4, 3, 2, 4, 5, 2],
  ),
  useCase(
    "self-service-personalisation",
    "Self-service personalisation",
    "self-service",
    "Tailors web and app self-service journeys to the customer's context, history and likely intent.",
    ["containment", "digital_adoption", "ces", "call_volume"],
    ["intent-detection", "knowledge-search"],
    [4, 4, 3, 2, 4, 3, 3, 3, 3, 4, 3],
  ),
  useCase(
    "virtual-customer-assistant",
    "Virtual customer assistant",
    "self-service",
    "A conversational assistant on chat, messaging and voice that resolves common requests end to end and hands over with context.",
    ["containment", "call_volume", "cost_per_contact", "ces", "csat"],
    ["knowledge-search", "intent-detection"],
    [4, 5, 3, 3, 5, 4, 3, 4, 3, 3, 3],
  ),
  useCase(
    "intelligent-routing",
    "Intelligent routing",
    "routing & workforce",
    "Routes each contact to the best-suited agent or queue using intent, customer value and agent skills.",
    ["fcr", "aht", "service_level", "csat"],
    ["intent-detection"],
    [4, 3, 3, 3, 4, 4, 3, 3, 4, 5, 2],
  ),
  useCase(
    "agent-scheduling-forecasting",
    "Agent scheduling and load forecasting",
    "routing & workforce",
    "Forecasts contact volume by channel and interval and builds schedules that meet service levels with fewer idle hours.",
    ["forecast_accuracy", "service_level", "agent_attrition", "cost_per_contact"],
    [],
    [3, 4, 2, 4, 4, 5, 4, 2, 4, 5, 2],
  ),
  useCase(
    "sentiment-analysis",
    "Sentiment analysis",
    "analytics & insight",
    "Detects customer sentiment in calls, chats and emails in real time and over time, to escalate and to learn.",
    ["csat", "nps", "retention"],
    ["speech-interaction-analytics"],
    [3, 2, 3, 3, 3, 4, 3, 2, 3, 4, 2],
  ),
  useCase(
    "agent-assist",
    "Real-time agent assist",
    "agent assist",
    "Listens to live conversations and suggests answers, next steps and compliance prompts to the agent.",
    ["aht", "fcr", "csat", "agent_attrition"],
    ["knowledge-search", "speech-interaction-analytics"],
    [4, 4, 3, 5, 4, 3, 3, 4, 3, 4, 3],
  ),
  useCase(
    "conversation-summarisation",
    "Conversation summarisation",
    "agent assist",
    "Writes the after-call summary and disposition automatically, so agents spend less time on wrap-up.",
    ["aht", "time_to_resolution"],
    [],
    [2, 4, 1, 5, 4, 4, 4, 2, 4, 4, 1],
  ),
  useCase(
    "speech-interaction-analytics",
    "Speech and interaction analytics",
    "analytics & insight",
    "Transcribes and mines every interaction for contact reasons, repeat contacts and process breakdowns.",
    ["fcr", "call_volume", "time_to_resolution"],
    [],
    [3, 4, 3, 3, 4, 5, 3, 3, 3, 4, 2],
  ),
  useCase(
    "automated-quality-assurance",
    "Automated quality assurance",
    "analytics & insight",
    "Scores all interactions against the quality form instead of a small sample and targets coaching.",
    ["csat", "fcr", "agent_attrition"],
    ["speech-interaction-analytics"],
    [3, 3, 2, 4, 3, 4, 3, 2, 3, 3, 2],
  ),
  useCase(
    "intent-detection",
    "Intent detection",
    "routing & workforce",
    "Classifies why the customer is contacting from their first words, on any channel.",
    ["containment", "fcr", "aht"],
    [],
    [3, 3, 2, 3, 4, 4, 3, 2, 4, 5, 2],
  ),
  useCase(
    "proactive-engagement",
    "Proactive engagement",
    "proactive & personalisation",
    "Notifies customers before they need to call: delays, outages, payment issues, next steps in a claim.",
    ["call_volume", "ces", "nps", "retention"],
    ["churn-prediction"],
    [4, 4, 4, 2, 4, 4, 2, 3, 3, 4, 3],
  ),
  useCase(
    "next-best-action",
    "Next-best-action",
    "proactive & personalisation",
    "Recommends the best offer, retention step or service action for each customer in each interaction.",
    ["revenue", "retention", "clv"],
    ["churn-prediction"],
    [3, 2, 5, 3, 4, 3, 2, 4, 3, 3, 4],
  ),
  useCase(
    "churn-prediction",
    "Churn prediction",
    "proactive & personalisation",
    "Scores customers' risk of leaving from service and usage signals so retention teams act in time.",
    ["retention", "clv", "revenue"],
    [],
    [3, 1, 5, 2, 4, 4, 2, 3, 3, 3, 3],
  ),
  useCase(
    "email-case-auto-response",
    "Email and case auto-response",
    "self-service",
    "Drafts or sends answers to emails, web forms and cases, with a human approving when confidence is low.",
    ["time_to_resolution", "cost_per_contact", "aht"],
    ["case-classification-assignment", "knowledge-search"],
    [3, 4, 2, 4, 4, 4, 3, 3, 3, 3, 2],
  ),
  useCase(
    "real-time-translation",
    "Real-time translation",
    "agent assist",
    "Translates chats, emails and calls so any agent can serve any language.",
    ["service_level", "csat", "cost_per_contact"],
    [],
    [3, 3, 2, 3, 3, 4, 4, 2, 4, 3, 1],
  ),
  useCase(
    "voice-authentication",
    "Voice authentication",
    "trust & security",
    "Verifies callers by voice biometrics instead of security questions.",
    ["aht", "ces", "csat"],
    [],
    [4, 3, 2, 3, 3, 4, 3, 3, 3, 2, 3],
  ),
  useCase(
    "fraud-detection",
    "Fraud detection",
    "trust & security",
    "Flags likely fraud and social engineering in contacts and account changes.",
    ["cost_per_contact", "retention"],
    ["voice-authentication"],
    [3, 3, 4, 3, 4, 4, 3, 4, 3, 3, 4],
  ),
  useCase(
    "voc-text-analytics",
    "Voice-of-customer text analytics",
    "analytics & insight",
    "Groups survey verbatims, reviews and social posts into themes and tracks them over time.",
    ["nps", "csat", "retention"],
    ["sentiment-analysis"],
    [3, 2, 3, 2, 3, 5, 4, 1, 4, 5, 1],
  ),
  useCase(
    "case-classification-assignment",
    "Case classification and workflow assignment",
    "routing & workforce",
    "Classifies incoming cases, extracts key fields and assigns them to the right workflow and team.",
    ["time_to_resolution", "aht", "cost_per_contact"],
    ["intent-detection"],
    [3, 4, 2, 4, 4, 4, 3, 3, 4, 5, 2],
  ),
  useCase(
    "generative-agent-coaching",
    "Generative agent coaching",
    "agent assist",
    "Simulated customers and personalised feedback for onboarding and continuous coaching of agents.",
    ["agent_attrition", "fcr", "csat"],
    ["automated-quality-assurance"],
    [2, 2, 2, 5, 3, 3, 3, 2, 3, 4, 2],
  ),
  useCase(
    "autonomous-service-agent",
    "Autonomous service agent",
    "self-service",
    "An agentic AI that completes multi-step service transactions across back-office systems without a human.",
    ["containment", "cost_per_contact", "time_to_resolution", "ces"],
    ["virtual-customer-assistant", "knowledge-search"],
    [5, 5, 4, 3, 4, 2, 2, 5, 2, 2, 4],
  ),
];
