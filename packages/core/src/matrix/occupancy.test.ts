import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Box, boxOverlapsCircle, type Circle, segmentOverlapsCircle } from "./geometry.js";
import { OccupancyGrid } from "./occupancy.js";

const area: Box = { x: 10, y: 20, width: 400, height: 300 };

const circleArb = fc.record({
  cx: fc.integer({ min: 10_00, max: 410_00 }).map((v) => v / 100),
  cy: fc.integer({ min: 20_00, max: 320_00 }).map((v) => v / 100),
  r: fc.integer({ min: 200, max: 1400 }).map((v) => v / 100),
});
const boxArb = fc.record({
  x: fc.integer({ min: 0, max: 400 }),
  y: fc.integer({ min: 10, max: 310 }),
  width: fc.integer({ min: 0, max: 80 }),
  height: fc.integer({ min: 0, max: 20 }),
});

describe("OccupancyGrid", () => {
  test.prop([fc.array(circleArb, { maxLength: 40 }), boxArb], { seed: 1414 })(
    "never misses a circle a box overlaps (it may only be more cautious)",
    (circles, box) => {
      const grid = new OccupancyGrid(area, circles, 1);
      const exact = circles.some((circle) => boxOverlapsCircle(box, circle, 1));
      if (exact && box.x >= area.x && box.y >= area.y) expect(grid.overlapsBox(box)).toBe(true);
    },
  );

  test.prop([fc.array(circleArb, { maxLength: 40 }), circleArb, circleArb], { seed: 1415 })(
    "never misses a circle a segment passes near",
    (circles, from, to) => {
      const grid = new OccupancyGrid(area, circles, 1);
      const segment = { x1: from.cx, y1: from.cy, x2: to.cx, y2: to.cy };
      if (circles.some((circle) => segmentOverlapsCircle(segment, circle, 1)))
        expect(grid.overlapsSegment(segment)).toBe(true);
    },
  );

  it("sees nothing more than a few pixels away from every circle", () => {
    const circles: Circle[] = Array.from({ length: 1000 }, () => ({ cx: 100, cy: 100, r: 6 }));
    const grid = new OccupancyGrid(area, circles, 1);
    expect(grid.overlapsBox({ x: 112, y: 93, width: 60, height: 14 })).toBe(false);
    expect(grid.overlapsBox({ x: 90, y: 114, width: 60, height: 14 })).toBe(false);
    expect(grid.overlapsBox({ x: 104, y: 93, width: 60, height: 14 })).toBe(true);
    expect(grid.overlapsSegment({ x1: 120, y1: 100, x2: 200, y2: 100 })).toBe(false);
    expect(grid.overlapsSegment({ x1: 120, y1: 100, x2: 90, y2: 100 })).toBe(true);
  });

  it("uses coarser cells for a large area, so it never holds more than about a million", () => {
    const big: Box = { x: 0, y: 0, width: 10_000, height: 10_000 };
    const grid = new OccupancyGrid(big, [{ cx: 5000, cy: 5000, r: 6 }], 1);
    expect(grid.overlapsBox({ x: 4990, y: 4990, width: 5, height: 5 })).toBe(true);
    expect(grid.overlapsBox({ x: 5100, y: 5100, width: 5, height: 5 })).toBe(false);
  });
});
