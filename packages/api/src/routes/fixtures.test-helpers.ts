import { expect } from "vitest";

/** Every default-model criterion rated 3, then overridden (null: the rater left it blank). */
export function ratings(overrides: Record<string, number | null> = {}): Record<string, number | null> {
  return {
    cx_impact: 3,
    cost_to_serve: 3,
    revenue_retention: 3,
    employee_experience: 3,
    strategic_fit: 3,
    tech_maturity: 3,
    data_readiness: 3,
    integration_effort: 3,
    org_readiness: 3,
    acceptance: 3,
    time_to_value: 3,
    ...overrides,
  };
}

/** A problem response as the tests read it. */
export interface ProblemBody {
  status: number;
  detail: string;
  limit?: number;
  errors?: { pointer?: string; row?: number; column?: number; field?: string; detail: string }[];
}

/**
 * Checks a response is an RFC 9457 problem of a status and returns its body.
 *
 * @param response - the response
 * @param status - the expected status
 * @returns the problem body
 */
export async function problemOf(response: Response, status: number): Promise<ProblemBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = (await response.json()) as ProblemBody;
  expect(problem.status).toBe(status);
  return problem;
}
