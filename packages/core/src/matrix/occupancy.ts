import type { Box, Circle, Segment } from "./geometry.js";

/** The most cells an {@link OccupancyGrid} uses; larger areas get coarser cells. */
const MAX_CELLS = 1_000_000;

/**
 * Which parts of an area many circles cover, for testing labels against thousands of markers in constant
 * time per test: the area is cut into square cells (2 pixels, coarser past a million cells), a cell is
 * covered when any circle (grown by a clearance) reaches into it, and a summed-area table answers "is any
 * cell under this box covered" with four reads. Conservative: a box within one cell of a circle counts as
 * touching it, so a label may be refused a spot up to a cell's width too eagerly, never allowed onto a marker.
 */
export class OccupancyGrid {
  readonly #x0: number;
  readonly #y0: number;
  readonly #cell: number;
  readonly #columns: number;
  readonly #rows: number;
  /** `#sums[(row) * (columns + 1) + column]`: covered cells above and left of that corner. */
  readonly #sums: Int32Array;

  /**
   * @param area - the area to index (cells outside it are never covered)
   * @param circles - the circles
   * @param clearance - pixels added to every radius
   */
  constructor(area: Box, circles: readonly Circle[], clearance: number) {
    const cell = Math.max(2, Math.sqrt((area.width * area.height) / MAX_CELLS));
    this.#x0 = area.x;
    this.#y0 = area.y;
    this.#cell = cell;
    this.#columns = Math.max(1, Math.ceil(area.width / cell));
    this.#rows = Math.max(1, Math.ceil(area.height / cell));
    const columns = this.#columns;
    const covered = new Uint8Array(columns * this.#rows);
    for (const { cx, cy, r } of circles) {
      const reach = r + clearance;
      const [c0, c1] = this.#span(cx - this.#x0 - reach, cx - this.#x0 + reach, columns);
      const [r0, r1] = this.#span(cy - this.#y0 - reach, cy - this.#y0 + reach, this.#rows);
      for (let row = r0; row <= r1; row++) {
        const top = this.#y0 + row * cell;
        const dy = Math.max(top - cy, 0, cy - (top + cell));
        for (let column = c0; column <= c1; column++) {
          const left = this.#x0 + column * cell;
          const dx = Math.max(left - cx, 0, cx - (left + cell));
          if (dx * dx + dy * dy < reach * reach) covered[row * columns + column] = 1;
        }
      }
    }
    const stride = columns + 1;
    const sums = new Int32Array(stride * (this.#rows + 1));
    for (let row = 0; row < this.#rows; row++) {
      let line = 0;
      for (let column = 0; column < columns; column++) {
        line += covered[row * columns + column]!;
        sums[(row + 1) * stride + column + 1] = sums[row * stride + column + 1]! + line;
      }
    }
    this.#sums = sums;
  }

  /**
   * Whether a box touches a covered cell.
   *
   * @param box - the box
   * @returns `true` if some circle (grown by the clearance) may reach into it
   */
  overlapsBox(box: Box): boolean {
    const [c0, c1] = this.#span(box.x - this.#x0, box.x + box.width - this.#x0, this.#columns);
    const [r0, r1] = this.#span(box.y - this.#y0, box.y + box.height - this.#y0, this.#rows);
    if (c0 > c1 || r0 > r1) return false;
    const stride = this.#columns + 1;
    const s = this.#sums;
    return (
      s[(r1 + 1) * stride + c1 + 1]! -
        s[r0 * stride + c1 + 1]! -
        s[(r1 + 1) * stride + c0]! +
        s[r0 * stride + c0]! >
      0
    );
  }

  /**
   * Whether a segment passes through a covered cell (sampled every half cell).
   *
   * @param segment - the segment
   * @returns `true` if some circle (grown by the clearance) may reach it
   */
  overlapsSegment(segment: Segment): boolean {
    const length = Math.hypot(segment.x2 - segment.x1, segment.y2 - segment.y1);
    const steps = Math.max(1, Math.ceil(length / (this.#cell / 2)));
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const x = segment.x1 + t * (segment.x2 - segment.x1);
      const y = segment.y1 + t * (segment.y2 - segment.y1);
      if (this.overlapsBox({ x, y, width: 0, height: 0 })) return true;
    }
    return false;
  }

  /** The cells from `low` to `high` pixels (relative to the origin), clipped to `0..count - 1`. */
  #span(low: number, high: number, count: number): [number, number] {
    return [Math.max(0, Math.floor(low / this.#cell)), Math.min(count - 1, Math.floor(high / this.#cell))];
  }
}
