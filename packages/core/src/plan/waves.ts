/** One selected initiative as the sequencer sees it. */
export interface WaveCandidate {
  readonly id: string;
  /** A likely win with high data readiness and no prerequisites: a pilot. */
  readonly pilot: boolean;
  /** Ids of selected initiatives it needs (the selection is closed under prerequisites). */
  readonly prerequisites: readonly string[];
}

/** The sequence: initiative ids per wave, and whether wave 1 holds real pilots. */
export interface WaveSequence {
  readonly waves: readonly (readonly string[])[];
  /** False when no candidate qualified as a pilot and wave 1 holds the best one without prerequisites. */
  readonly pilotsFound: boolean;
}

/**
 * Sequences a selection into waves. Wave 1 holds pilots: up to `waveSize` candidates marked `pilot`, best
 * first. (With none, it holds the best candidate without prerequisites, and `pilotsFound` is false: a plan
 * still starts with one thing.) Each later wave holds up to `waveSize` of the remaining candidates whose
 * prerequisites are all in earlier waves, best first. An initiative never shares a wave with what it needs.
 *
 * @param candidates - the selected initiatives, best (highest priority) first
 * @param waveSize - the most initiatives per wave (at least 1)
 * @returns the waves
 * @example
 * sequenceWaves([{ id: "vca", pilot: false, prerequisites: ["kb"] }, { id: "kb", pilot: true, prerequisites: [] }], 3)
 * // { waves: [["kb"], ["vca"]], pilotsFound: true }
 */
export function sequenceWaves(candidates: readonly WaveCandidate[], waveSize: number): WaveSequence {
  const size = Math.max(1, Math.floor(waveSize));
  const placed = new Set<string>();
  const waves: string[][] = [];
  let pilots = candidates.filter((c) => c.pilot && c.prerequisites.length === 0).slice(0, size);
  const pilotsFound = pilots.length > 0;
  if (!pilotsFound) pilots = candidates.filter((c) => c.prerequisites.length === 0).slice(0, 1);
  if (pilots.length > 0) {
    waves.push(pilots.map((c) => c.id));
    for (const c of pilots) placed.add(c.id);
  }
  while (placed.size < candidates.length) {
    const wave = candidates
      .filter((c) => !placed.has(c.id) && c.prerequisites.every((id) => placed.has(id)))
      .slice(0, size)
      .map((c) => c.id);
    // A closed, acyclic selection always has a ready candidate; anything else is left out, not looped on.
    if (wave.length === 0) break;
    waves.push(wave);
    for (const id of wave) placed.add(id);
  }
  return { waves, pilotsFound };
}
