/**
 * Scores closer than this are treated as equal when ordering and ranking, so floating-point noise (a cost
 * criterion rated r against a benefit criterion rated min+max-r) never splits a tie.
 */
export const TIE_TOLERANCE = 1e-9;

function tieKey(score: number): number {
  return Math.round(score / TIE_TOLERANCE);
}

/**
 * Orders initiatives by priority (high first), then value (high first), then id (code-point order), and gives
 * tied priorities the same rank (competition ranking: 1, 2, 2, 4).
 *
 * @param priority - priority per initiative
 * @param value - value per initiative
 * @param ids - id per initiative (unique)
 * @returns `order` (initiative indices, best first) and `ranks` (rank per initiative index)
 */
export function rankInitiatives(
  priority: Float64Array,
  value: Float64Array,
  ids: readonly string[],
): { order: Uint32Array; ranks: Uint32Array } {
  const n = priority.length;
  const priorityKey = new Float64Array(n);
  const valueKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    priorityKey[i] = tieKey(priority[i]!);
    valueKey[i] = tieKey(value[i]!);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const byPriority = priorityKey[b]! - priorityKey[a]!;
    if (byPriority !== 0) return byPriority;
    const byValue = valueKey[b]! - valueKey[a]!;
    if (byValue !== 0) return byValue;
    const idA = ids[a]!;
    const idB = ids[b]!;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  const ranks = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const previous = k > 0 ? order[k - 1]! : -1;
    ranks[i] = previous >= 0 && priorityKey[previous] === priorityKey[i] ? ranks[previous]! : k + 1;
  }
  return { order, ranks };
}
