/**
 * A probability as a percentage for a sentence: whole percents, but never rounding a near-certainty up to
 * "100%" or a rare event down to "0%".
 *
 * @param p - a probability, 0-1
 * @returns e.g. `87%`, `over 99%`, `under 1%`, `100%`, `0%`
 */
export function formatProbability(p: number): string {
  if (p >= 1) return "100%";
  if (p <= 0) return "0%";
  if (p > 0.99) return "over 99%";
  if (p < 0.01) return "under 1%";
  return `${Math.round(p * 100)}%`;
}

/** What {@link summariseConfidence} needs about one initiative. */
export interface SummaryFacts {
  readonly name: string;
  readonly k: number;
  readonly topK: number;
  readonly baseRank: number;
  /** P(rank = baseRank). */
  readonly keepsRank: number;
  readonly quadrantLabel: string;
  /** P(base quadrant). */
  readonly keepsQuadrant: number;
  /** No rating on an axis: ranked after every rated initiative in every world, in no quadrant. */
  readonly unrated?: boolean | undefined;
}

/**
 * One line for a board: how often an initiative makes the top k, keeps its rank and its quadrant.
 *
 * @param facts - the initiative's figures
 * @returns e.g. `Virtual customer assistant is top-3 in 87% of plausible worlds (base rank 2, kept in 54%;
 *   Likely win in 95%).`, or for an unrated initiative `Knowledge search has no ratings on an axis: ...`
 */
export function summariseConfidence(facts: SummaryFacts): string {
  if (facts.unrated)
    return `${facts.name} has no ratings on an axis: it ranks after every rated initiative in every plausible world (base rank ${facts.baseRank}) and is in no quadrant.`;
  return (
    `${facts.name} is top-${facts.k} in ${formatProbability(facts.topK)} of plausible worlds ` +
    `(base rank ${facts.baseRank}, kept in ${formatProbability(facts.keepsRank)}; ` +
    `${facts.quadrantLabel} in ${formatProbability(facts.keepsQuadrant)}).`
  );
}
