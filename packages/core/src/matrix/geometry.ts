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
  readonly #cells = new Map<string, T[]>();

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

  #visit(bounds: Box, visit: (key: string) => void): void {
    const size = this.#cellSize;
    const x0 = Math.floor(bounds.x / size);
    const x1 = Math.floor((bounds.x + bounds.width) / size);
    const y0 = Math.floor(bounds.y / size);
    const y1 = Math.floor((bounds.y + bounds.height) / size);
    for (let gx = x0; gx <= x1; gx++) for (let gy = y0; gy <= y1; gy++) visit(`${gx},${gy}`);
  }
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
