/** An axis-aligned rectangle in pixels: left, top, width and height. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A circle in pixels. */
export interface Circle {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
}

/**
 * Whether two boxes overlap by more than `gap` pixels of clearance (touching edges do not overlap when
 * `gap` is 0).
 *
 * @param a - a box
 * @param b - another box
 * @param gap - clearance required between them, in pixels
 * @returns `true` if they are closer than `gap`
 */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/**
 * Whether a box and a circle overlap (exactly: the box's nearest point to the centre lies inside the circle
 * grown by `gap`).
 *
 * @param box - the box
 * @param circle - the circle
 * @param gap - clearance required between them, in pixels
 * @returns `true` if they are closer than `gap`
 */
export function boxOverlapsCircle(box: Box, circle: Circle, gap = 0): boolean {
  const nearestX = Math.max(box.x, Math.min(circle.cx, box.x + box.width));
  const nearestY = Math.max(box.y, Math.min(circle.cy, box.y + box.height));
  const dx = circle.cx - nearestX;
  const dy = circle.cy - nearestY;
  const reach = circle.r + gap;
  return dx * dx + dy * dy < reach * reach;
}

/**
 * Whether `inner` lies entirely inside `outer`.
 *
 * @param inner - the box that should be contained
 * @param outer - the containing box
 * @returns `true` if every edge of `inner` is within `outer`
 */
export function boxInside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * A uniform grid over the plane that indexes items by the cells their bounding boxes cover, so a collision
 * query looks at nearby items only (O(1) per query for evenly spread items instead of O(n)).
 */
export class SpatialGrid<T> {
  readonly #cellSize: number;
  readonly #cells = new Map<number, T[]>();

  /** @param cellSize - the side of a cell in pixels; about the size of a typical item works best */
  constructor(cellSize: number) {
    this.#cellSize = cellSize > 0 ? cellSize : 1;
  }

  /**
   * Adds an item under its bounding box.
   *
   * @param bounds - the item's bounding box
   * @param item - the item
   */
  insert(bounds: Box, item: T): void {
    this.#visit(bounds, (key) => {
      const cell = this.#cells.get(key);
      if (cell === undefined) this.#cells.set(key, [item]);
      else cell.push(item);
    });
  }

  /**
   * Items whose cells meet a box: a superset of the items that overlap it, each listed once.
   *
   * @param bounds - the query box
   * @returns candidate items, to be tested exactly by the caller
   */
  query(bounds: Box): T[] {
    const found = new Set<T>();
    this.#visit(bounds, (key) => {
      for (const item of this.#cells.get(key) ?? []) found.add(item);
    });
    return [...found];
  }

  #visit(bounds: Box, visit: (key: number) => void): void {
    const size = this.#cellSize;
    const x0 = Math.floor(bounds.x / size);
    const x1 = Math.floor((bounds.x + bounds.width) / size);
    const y0 = Math.floor(bounds.y / size);
    const y1 = Math.floor((bounds.y + bounds.height) / size);
    for (let gx = x0; gx <= x1; gx++) for (let gy = y0; gy <= y1; gy++) visit(cellKey(gx, gy));
  }
}

/** A number naming one grid cell (cells stay within +-2^20 of the origin for any image this draws). */
function cellKey(gx: number, gy: number): number {
  return (gx + 0x100000) * 0x200000 + (gy + 0x100000);
}

/**
 * The bounding box of a circle.
 *
 * @param circle - the circle
 * @returns the smallest box containing it
 */
export function circleBounds(circle: Circle): Box {
  return { x: circle.cx - circle.r, y: circle.cy - circle.r, width: 2 * circle.r, height: 2 * circle.r };
}

/** A straight line segment from `(x1, y1)` to `(x2, y2)`. */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * Whether a segment passes through a box grown by `gap` (Liang-Barsky clipping).
 *
 * @param segment - the segment
 * @param box - the box
 * @param gap - clearance required, in pixels
 * @returns `true` if some part of the segment lies inside the grown box
 */
export function segmentOverlapsBox(segment: Segment, box: Box, gap = 0): boolean {
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  let t0 = 0;
  let t1 = 1;
  const edges: readonly (readonly [number, number])[] = [
    [-dx, segment.x1 - (box.x - gap)],
    [dx, box.x + box.width + gap - segment.x1],
    [-dy, segment.y1 - (box.y - gap)],
    [dy, box.y + box.height + gap - segment.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 >= t1) return false;
    }
  }
  return true;
}

/**
 * Whether a segment passes within `gap` of a circle.
 *
 * @param segment - the segment
 * @param circle - the circle
 * @param gap - clearance required, in pixels
 * @returns `true` if the segment's nearest point to the centre is inside the grown circle
 */
export function segmentOverlapsCircle(segment: Segment, circle: Circle, gap = 0): boolean {
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((circle.cx - segment.x1) * dx + (circle.cy - segment.y1) * dy) / length2));
  const px = segment.x1 + t * dx - circle.cx;
  const py = segment.y1 + t * dy - circle.cy;
  const reach = circle.r + gap;
  return px * px + py * py < reach * reach;
}

/**
 * The bounding box of a segment.
 *
 * @param segment - the segment
 * @returns the smallest box containing it
 */
export function segmentBounds(segment: Segment): Box {
  const x = Math.min(segment.x1, segment.x2);
  const y = Math.min(segment.y1, segment.y2);
  return { x, y, width: Math.abs(segment.x2 - segment.x1), height: Math.abs(segment.y2 - segment.y1) };
}

/**
 * Whether two segments cross or touch.
 *
 * @param a - a segment
 * @param b - another segment
 * @returns `true` if they share a point
 */
export function segmentsIntersect(a: Segment, b: Segment): boolean {
  const orient = (px: number, py: number, qx: number, qy: number, rx: number, ry: number): number =>
    Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  const o1 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const o2 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  const o3 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const o4 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  if (o1 !== o2 && o3 !== o4) return true;
  // Collinear overlaps count as crossing, too.
  const within = (p: number, q: number, r: number): boolean => Math.min(p, q) <= r && r <= Math.max(p, q);
  return (
    (o1 === 0 && within(a.x1, a.x2, b.x1) && within(a.y1, a.y2, b.y1)) ||
    (o2 === 0 && within(a.x1, a.x2, b.x2) && within(a.y1, a.y2, b.y2)) ||
    (o3 === 0 && within(b.x1, b.x2, a.x1) && within(b.y1, b.y2, a.y1)) ||
    (o4 === 0 && within(b.x1, b.x2, a.x2) && within(b.y1, b.y2, a.y2))
  );
}
