import {
  type Box,
  boxesOverlap,
  boxInside,
  boxOverlapsCircle,
  type Circle,
  type Segment,
  SpatialGrid,
  segmentBounds,
  segmentOverlapsBox,
  segmentOverlapsCircle,
  segmentsIntersect,
} from "./geometry.js";
import { OccupancyGrid } from "./occupancy.js";

/** One marker that wants a label. */
export interface LabelRequest {
  /** The marker the label belongs to. */
  readonly circle: Circle;
  /** Width of the full label (the initiative's name), in pixels. */
  readonly width: number;
  /** Width of the fallback label (the marker's key number), in pixels. */
  readonly fallbackWidth: number;
}

/** Where a label went around its marker, by compass direction (`E` is right of the marker). */
export type LabelPosition = "E" | "NE" | "SE" | "W" | "NW" | "SW" | "N" | "S" | "EN" | "ES" | "WN" | "WS";

/**
 * Where one label ended up: the full name beside its marker, the key number beside its marker (the name
 * then goes into a key), or the key number drawn on the marker itself when not even that fits.
 */
export type LabelPlacement =
  | {
      readonly kind: "name" | "number";
      readonly box: Box;
      readonly position: LabelPosition;
      /** A line from the marker's edge to a label set further out than the first ring; absent for the first ring. */
      readonly leader?: Segment;
    }
  | { readonly kind: "inside" };

/** Options of {@link placeLabels}. */
export interface LabelPlacementOptions {
  /** Labels must lie inside this box (the plot area). */
  readonly bounds: Box;
  /** The height of every label box, in pixels. */
  readonly height: number;
  /** Boxes no label may overlap (quadrant labels, legends). */
  readonly obstacles?: readonly Box[];
  /** Markers that get no label but that no label or leader may overlap. */
  readonly markers?: readonly Circle[];
  /** Clearance between a label and anything else, in pixels (default 1). */
  readonly gap?: number;
  /** Distance between a marker's edge and its label, in pixels (default 2). */
  readonly offset?: number;
  /**
   * Further distances to try, beyond `offset`, when the first ring is full; labels placed there get a leader
   * line (default `[14, 30, 50]`; `[]` for none).
   */
  readonly rings?: readonly number[];
  /**
   * Greedy passes (default 3): after the first, markers left without a name go first; the pass that names
   * more of the first ten requests is kept, then the one naming more in all.
   */
  readonly passes?: number;
}

/**
 * Candidate positions, best first: right of the marker reads most naturally, then the other sides; the
 * two-letter `EN`/`ES`/`WN`/`WS` are a side position slid up or down by half a label height.
 */
const POSITIONS: readonly LabelPosition[] = [
  "E",
  "W",
  "NE",
  "SE",
  "NW",
  "SW",
  "N",
  "S",
  "EN",
  "ES",
  "WN",
  "WS",
];

/**
 * The box of a label of `width` x `height` at one candidate position around a circle, `d` pixels from the
 * circle's centre. Diagonal positions put the box's nearest corner on the 45-degree line at distance `d`.
 *
 * @param circle - the marker
 * @param position - the candidate position
 * @param width - the label's width
 * @param height - the label's height
 * @param d - distance from the centre (the radius plus the offset)
 * @returns the label box
 */
export function candidateBox(
  circle: Circle,
  position: LabelPosition,
  width: number,
  height: number,
  d: number,
): Box {
  const { cx, cy } = circle;
  const diagonal = d * Math.SQRT1_2;
  switch (position) {
    case "E":
      return { x: cx + d, y: cy - height / 2, width, height };
    case "W":
      return { x: cx - d - width, y: cy - height / 2, width, height };
    case "N":
      return { x: cx - width / 2, y: cy - d - height, width, height };
    case "S":
      return { x: cx - width / 2, y: cy + d, width, height };
    case "NE":
      return { x: cx + diagonal, y: cy - diagonal - height, width, height };
    case "SE":
      return { x: cx + diagonal, y: cy + diagonal, width, height };
    case "NW":
      return { x: cx - diagonal - width, y: cy - diagonal - height, width, height };
    case "SW":
      return { x: cx - diagonal - width, y: cy + diagonal, width, height };
    case "EN":
      return { x: cx + d, y: cy - height, width, height };
    case "ES":
      return { x: cx + d, y: cy, width, height };
    case "WN":
      return { x: cx - d - width, y: cy - height, width, height };
    case "WS":
      return { x: cx - d - width, y: cy, width, height };
  }
}

type Obstacle =
  | { readonly kind: "box"; readonly box: Box }
  | { readonly kind: "circle"; readonly circle: Circle; readonly owner: number }
  | { readonly kind: "segment"; readonly segment: Segment; readonly owner: number };

/** The segment from a circle's edge towards the nearest point of a box. */
function leaderLine(circle: Circle, box: Box): Segment {
  const nx = Math.max(box.x, Math.min(circle.cx, box.x + box.width));
  const ny = Math.max(box.y, Math.min(circle.cy, box.y + box.height));
  const dx = nx - circle.cx;
  const dy = ny - circle.cy;
  const length = Math.hypot(dx, dy) || 1;
  return {
    x1: circle.cx + (dx / length) * circle.r,
    y1: circle.cy + (dy / length) * circle.r,
    x2: nx,
    y2: ny,
  };
}

/**
 * Places labels next to markers so that no label overlaps another label, any marker or any obstacle, and
 * every label stays inside the bounds.
 *
 * The algorithm is greedy over candidate positions, the classic approach of point-feature cartographic
 * labelling: markers are visited in the given order (callers pass the most important first, so they get
 * the best spots); for each, 12 positions around the marker are tried in order of preference and the first
 * one free of collisions wins. When all 12 are taken, the same positions are tried on wider rings, joined to
 * the marker by a leader line that must itself cross no label, other marker or other leader line. Collisions are found through a spatial grid (each query touches only nearby
 * labels and markers) and then tested exactly (box-box and box-circle). When no position fits the full
 * name, the marker's key number (a much shorter label) is tried at the same 12 positions; when even that
 * fails, the number is drawn on the marker itself and the caller lists the name in a key.
 *
 * Deterministic: the same input always gives the same placement.
 *
 * @param requests - one per marker, in priority order (first placed first)
 * @param options - bounds, label height, obstacles and spacing
 * @returns one placement per request, in request order
 * @example
 * placeLabels([{ circle: { cx: 50, cy: 50, r: 5 }, width: 60, fallbackWidth: 12 }],
 *   { bounds: { x: 0, y: 0, width: 300, height: 200 }, height: 14 });
 * // [{ kind: "name", position: "E", box: { x: 57, y: 43, width: 60, height: 14 } }]
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  options: LabelPlacementOptions,
): LabelPlacement[] {
  // Greedy placement can leave an important marker numbered because the labels of markers placed before it
  // boxed it in. More passes let the markers that failed go first (in priority order); the pass that names
  // more of the ten most important markers wins, then the one that names more markers in all.
  const worth = (placements: readonly LabelPlacement[]): number =>
    placements.reduce((sum, placement, i) => sum + (placement.kind === "name" ? (i < TOP ? 1000 : 1) : 0), 0);
  // Markers without labels may be thousands: they are looked up in constant time, whatever their spread.
  const others =
    options.markers === undefined || options.markers.length === 0
      ? undefined
      : new OccupancyGrid(options.bounds, options.markers, options.gap ?? 1);
  let order = requests.map((_, i) => i);
  let best = placeInOrder(requests, order, options, others);
  let bestWorth = worth(best);
  for (let pass = 1; pass < (options.passes ?? 3); pass++) {
    // Odd passes move every unnamed marker forward, even passes only the unnamed among the first ten.
    const failed = order
      .filter((i) => best[i]!.kind !== "name" && (pass % 2 === 1 || i < TOP))
      .sort((a, b) => a - b);
    if (failed.length === 0) break;
    const failedSet = new Set(failed);
    order = [...failed, ...requests.map((_, i) => i).filter((i) => !failedSet.has(i))];
    const attempt = placeInOrder(requests, order, options, others);
    const attemptWorth = worth(attempt);
    if (attemptWorth > bestWorth) {
      best = attempt;
      bestWorth = attemptWorth;
    }
  }
  return best;
}

/** How many of the first requests count as the most important when passes are compared. */
const TOP = 10;

/**
 * Pixels by which every other marker should be further from a label than the label's own marker (which is
 * `offset` away), so that no label sits about as near to a neighbour as to the marker it names. A spot that
 * misses this margin is still taken over losing the name, as long as no neighbour is nearer than the own
 * marker.
 */
const AMBIGUITY_MARGIN = 2;

/** Extra pixels between a label on a leader line and any marker but its own. */
const LEADER_CLEARANCE = 4;

function growBy(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

/** One greedy pass, visiting requests in `order`; returns placements in request order. */
function placeInOrder(
  requests: readonly LabelRequest[],
  order: readonly number[],
  options: LabelPlacementOptions,
  others: OccupancyGrid | undefined,
): LabelPlacement[] {
  const { bounds, height } = options;
  const gap = options.gap ?? 1;
  const offset = options.offset ?? 2;
  const rings = [0, ...(options.rings ?? [14, 30, 50])];
  const grid = new SpatialGrid<Obstacle>(Math.max(height * 3, 16));
  const boundsOf = (obstacle: Obstacle): Box => {
    if (obstacle.kind === "box") return obstacle.box;
    if (obstacle.kind === "segment") return segmentBounds(obstacle.segment);
    const { cx, cy, r } = obstacle.circle;
    return { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r };
  };
  const add = (obstacle: Obstacle): void => grid.insert(boundsOf(obstacle), obstacle);
  for (const box of options.obstacles ?? []) add({ kind: "box", box });
  // Markers drawn on the same spot are one obstacle: a pile of identical points costs one test, not one each.
  const seen = new Set<string>();
  const addCircle = (circle: Circle, owner: number): void => {
    const key = `${circle.cx},${circle.cy},${circle.r}`;
    if (seen.has(key)) return;
    seen.add(key);
    add({ kind: "circle", circle, owner });
  };
  requests.forEach((request, owner) => {
    addCircle(request.circle, owner);
  });

  const grow = (box: Box): Box => growBy(box, gap);
  const boxFits = (box: Box): boolean => {
    if (!boxInside(box, bounds)) return false;
    if (others?.overlapsBox(box)) return false;
    for (const obstacle of grid.query(grow(box))) {
      const hit =
        obstacle.kind === "box"
          ? boxesOverlap(box, obstacle.box, gap)
          : obstacle.kind === "circle"
            ? boxOverlapsCircle(box, obstacle.circle, gap)
            : segmentOverlapsBox(obstacle.segment, box, gap);
      if (hit) return false;
    }
    return true;
  };
  const leaderFits = (segment: Segment, owner: number): boolean => {
    if (others?.overlapsSegment(segment)) return false;
    for (const obstacle of grid.query(grow(segmentBounds(segment)))) {
      const hit =
        obstacle.kind === "segment"
          ? segmentsIntersect(segment, obstacle.segment)
          : obstacle.kind === "box"
            ? segmentOverlapsBox(segment, obstacle.box)
            : obstacle.owner !== owner && segmentOverlapsCircle(segment, obstacle.circle, gap);
      if (hit) return false;
    }
    return true;
  };

  // A label is read as belonging to the nearest marker, so every other marker must stay further from it
  // than a label's own marker beside it (`offset`) by `margin` pixels. A label out on a leader line is
  // further from its own marker, so it keeps LEADER_CLEARANCE from every other one, or it would read as a
  // stranger's. Markers on the very same spot as the label's own cannot be told apart and are not counted.
  const unambiguous = (box: Box, own: Circle, margin: number, leadered: boolean): boolean => {
    const clearance = offset + margin + (leadered ? LEADER_CLEARANCE : 0);
    if (others?.overlapsBox(growBy(box, Math.max(clearance - gap, 0)))) return false;
    for (const obstacle of grid.query(growBy(box, clearance))) {
      if (obstacle.kind !== "circle") continue;
      const { circle } = obstacle;
      if (circle.cx === own.cx && circle.cy === own.cy) continue;
      if (boxOverlapsCircle(box, circle, clearance)) return false;
    }
    return true;
  };

  const search = (
    request: LabelRequest,
    owner: number,
    width: number,
    margin: number,
  ): { box: Box; position: LabelPosition; leader?: Segment } | undefined => {
    for (const ring of rings) {
      const d = request.circle.r + offset + ring;
      for (const position of POSITIONS) {
        const box = candidateBox(request.circle, position, width, height, d);
        if (!boxFits(box) || !unambiguous(box, request.circle, margin, ring > 0)) continue;
        if (ring === 0) return { box, position };
        const leader = leaderLine(request.circle, box);
        if (leaderFits(leader, owner)) return { box, position, leader };
      }
    }
    return undefined;
  };

  const claim = (found: { box: Box; leader?: Segment }, owner: number): void => {
    add({ kind: "box", box: found.box });
    if (found.leader !== undefined) add({ kind: "segment", segment: found.leader, owner });
  };

  const placements: LabelPlacement[] = new Array(requests.length);
  for (const owner of order) {
    const request = requests[owner]!;
    // A clear spot first; then one where the neighbours are merely not nearer, before giving up the name.
    const name =
      search(request, owner, request.width, AMBIGUITY_MARGIN) ?? search(request, owner, request.width, 0);
    if (name !== undefined) {
      claim(name, owner);
      placements[owner] = { kind: "name", ...name };
      continue;
    }
    const number =
      search(request, owner, request.fallbackWidth, AMBIGUITY_MARGIN) ??
      search(request, owner, request.fallbackWidth, 0);
    if (number !== undefined) {
      claim(number, owner);
      placements[owner] = { kind: "number", ...number };
      continue;
    }
    placements[owner] = { kind: "inside" };
  }
  return placements;
}
