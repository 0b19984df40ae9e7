import { CxprismError, type Problem } from "../errors.js";
import type { Direction } from "../schema/criterion.js";

/** A decision problem in its textbook form: alternatives x criteria, with weights and directions. */
export interface DecisionProblem {
  /** The alternatives (initiatives), in row order. */
  readonly alternatives: readonly string[];
  /** The criteria, in column order: weight (>= 0, any total) and direction. */
  readonly criteria: readonly DecisionCriterion[];
  /** `values[alternative][criterion]`, finite. */
  readonly values: readonly (readonly number[])[];
}

/** One criterion of a {@link DecisionProblem}. */
export interface DecisionCriterion {
  readonly id: string;
  readonly weight: number;
  readonly direction: Direction;
}

/**
 * Checks a decision problem: one finite row per alternative of one value per criterion, finite non-negative
 * weights that are not all 0. Every problem is reported at once.
 *
 * @param problem - the candidate problem
 * @returns the weights normalised to sum 1
 * @throws {@link CxprismError} `invalid-input` naming each bad value
 */
export function checkDecisionProblem(problem: DecisionProblem): Float64Array {
  const problems: Problem[] = [];
  const m = problem.criteria.length;
  let total = 0;
  problem.criteria.forEach((criterion, j) => {
    if (!(Number.isFinite(criterion.weight) && criterion.weight >= 0)) {
      problems.push({
        path: ["criteria", j, "weight"],
        message: `expected a finite weight of at least 0, received ${criterion.weight}`,
      });
    } else total += criterion.weight;
  });
  if (m > 0 && problems.length === 0 && total === 0) {
    problems.push({ path: ["criteria"], message: "expected at least one criterion with a weight above 0" });
  }
  if (problem.values.length !== problem.alternatives.length) {
    problems.push({
      path: ["values"],
      message: `expected one row per alternative (${problem.alternatives.length}), received ${problem.values.length}`,
    });
  }
  problem.values.forEach((row, i) => {
    if (row.length !== m) {
      problems.push({
        path: ["values", i],
        message: `expected ${m} values (one per criterion), received ${row.length}`,
      });
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) {
        problems.push({ path: ["values", i, j], message: `expected a finite number, received ${value}` });
      }
    });
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  return Float64Array.from(problem.criteria, (criterion) => criterion.weight / total);
}
