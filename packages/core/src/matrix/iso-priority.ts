/** A point on the matrix in data units: `[feasibility, value]`, each 0-100. */
export type DataPoint = readonly [feasibility: number, value: number];

/** A priority rule as {@link createPriorityRule} builds it: `(value, feasibility) => priority`. */
export type PriorityFunction = (value: number, feasibility: number) => number;

const BISECTIONS = 48;

/**
 * The region of the matrix where priority is at least `level`, as a polygon in data units: the ideal corner
 * (100, 100) followed by the region's boundary from the top edge round to the right edge.
 *
 * Works for any priority rule that never falls when value or feasibility rises (all of cxprism's rules):
 * such a region is star-shaped around the ideal corner (every point between a member and the corner
 * dominates it), so it is traced along `samples + 1` rays from the corner, finding on each by bisection
 * where priority drops below `level` or, if it never does, where the ray leaves the square. Where the
 * boundary passes from the iso-priority line to the square's edge, the crossing is found by a second
 * bisection over the ray angle, so corners are exact rather than cut. For `closeness` the boundary is a
 * quarter circle around the ideal corner; for `weighted-mean` a straight line; for `geometric-mean` a
 * hyperbola-like curve.
 *
 * Degenerate cases: a `level` above the rule's value at (100, 100) gives an empty array; a `level` at or
 * below its value at (0, 0) gives the whole square.
 *
 * @param rule - the priority rule
 * @param level - the priority level, 0-100
 * @param samples - rays to trace (even, so the diagonal is one of them; default 96)
 * @returns the polygon's vertices, `[feasibility, value]`, or `[]` when no point reaches `level`
 * @example
 * isoPriorityRegion(closenessToIdeal, 80); // ideal corner, then a quarter circle of radius 28.28
 */
export function isoPriorityRegion(rule: PriorityFunction, level: number, samples = 96): DataPoint[] {
  if (!(rule(100, 100) >= level)) return [];
  const count = Math.max(2, Math.ceil(samples / 2) * 2);
  const at = (phi: number, t: number): DataPoint => [100 - t * Math.cos(phi), 100 - t * Math.sin(phi)];
  const reachOf = (phi: number): number => 100 / Math.max(Math.cos(phi), Math.sin(phi));
  // Where a ray leaves the square, computed per edge so the point lies exactly on it.
  // Snapped to 1e-9 so the diagonal ray meets the corner (0, 0) exactly despite tan(pi/4) = 0.999...
  const snap = (x: number): number => Math.round(x * 1e9) / 1e9;
  const edgeAt = (phi: number): DataPoint =>
    Math.cos(phi) >= Math.sin(phi)
      ? [0, snap(100 - 100 * Math.tan(phi))]
      : [snap(100 - 100 / Math.tan(phi)), 0];
  const priorityAt = (phi: number, t: number): number => {
    const [feasibility, value] = at(phi, t);
    return rule(value, feasibility);
  };
  const ray = (phi: number): { t: number; onEdge: boolean } => {
    const reach = reachOf(phi);
    if (priorityAt(phi, reach) >= level) return { t: reach, onEdge: true };
    let inside = 0;
    let outside = reach;
    for (let k = 0; k < BISECTIONS; k++) {
      const mid = (inside + outside) / 2;
      if (priorityAt(phi, mid) >= level) inside = mid;
      else outside = mid;
    }
    return { t: inside, onEdge: false };
  };

  const polygon: DataPoint[] = [[100, 100]];
  let previousPhi = 0;
  let previous = ray(0);
  polygon.push(previous.onEdge ? edgeAt(0) : at(0, previous.t));
  for (let k = 1; k <= count; k++) {
    // Exact endpoints: cos(pi/2) is 6e-17 in floating point, which would leave a speck off the edge.
    const phi = k === count ? Math.PI / 2 : (k / count) * (Math.PI / 2);
    const current = ray(phi);
    if (current.onEdge !== previous.onEdge) {
      // Find the angle where the boundary meets the square's edge.
      let edgeSide = current.onEdge ? phi : previousPhi;
      let lineSide = current.onEdge ? previousPhi : phi;
      for (let b = 0; b < BISECTIONS; b++) {
        const mid = (edgeSide + lineSide) / 2;
        if (priorityAt(mid, reachOf(mid)) >= level) edgeSide = mid;
        else lineSide = mid;
      }
      polygon.push(edgeAt(edgeSide));
    }
    if (k === count) polygon.push(current.onEdge ? [100, 0] : [100, 100 - current.t]);
    else polygon.push(current.onEdge ? edgeAt(phi) : at(phi, current.t));
    previousPhi = phi;
    previous = current;
  }
  return polygon;
}
