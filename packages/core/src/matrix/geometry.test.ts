import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  boxesOverlap,
  boxInside,
  boxOverlapsCircle,
  circleBounds,
  SpatialGrid,
  segmentBounds,
  segmentOverlapsBox,
  segmentOverlapsCircle,
  segmentsIntersect,
} from "./geometry.js";

const box = { x: 10, y: 10, width: 20, height: 10 };

describe("geometry", () => {
  it.each([
    ["apart", { x: 40, y: 10, width: 5, height: 5 }, 0, false],
    ["touching edges", { x: 30, y: 10, width: 5, height: 5 }, 0, false],
    ["touching, with a gap required", { x: 30, y: 10, width: 5, height: 5 }, 1, true],
    ["overlapping", { x: 25, y: 15, width: 10, height: 10 }, 0, true],
    ["inside", { x: 12, y: 12, width: 2, height: 2 }, 0, true],
  ])("boxesOverlap: %s", (_, other, gap, expected) => {
    expect(boxesOverlap(box, other, gap)).toBe(expected);
    expect(boxesOverlap(other, box, gap)).toBe(expected);
  });

  it.each([
    ["centre inside", { cx: 20, cy: 15, r: 1 }, true],
    ["near a corner, outside", { cx: 33, cy: 23, r: 4 }, false], // distance to (30, 20) is 4.24
    ["near a corner, inside", { cx: 32, cy: 22, r: 3 }, true], // distance 2.83
    ["beside an edge", { cx: 35, cy: 15, r: 4.9 }, false],
  ])("boxOverlapsCircle: %s", (_, circle, expected) => {
    expect(boxOverlapsCircle(box, circle)).toBe(expected);
  });

  it.each([
    ["crossing", { x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 0, y1: 10, x2: 10, y2: 0 }, true],
    ["parallel", { x1: 0, y1: 0, x2: 10, y2: 0 }, { x1: 0, y1: 1, x2: 10, y2: 1 }, false],
    ["collinear, overlapping", { x1: 0, y1: 0, x2: 10, y2: 0 }, { x1: 5, y1: 0, x2: 15, y2: 0 }, true],
    ["collinear, apart", { x1: 0, y1: 0, x2: 4, y2: 0 }, { x1: 5, y1: 0, x2: 15, y2: 0 }, false],
    ["T-junction", { x1: 0, y1: 0, x2: 10, y2: 0 }, { x1: 5, y1: 0, x2: 5, y2: 10 }, true],
    ["would cross if longer", { x1: 0, y1: 0, x2: 4, y2: 4 }, { x1: 0, y1: 10, x2: 10, y2: 0 }, false],
  ])("segmentsIntersect: %s", (_, a, b, expected) => {
    expect(segmentsIntersect(a, b)).toBe(expected);
    expect(segmentsIntersect(b, a)).toBe(expected);
  });

  it.each([
    ["through", { x1: 0, y1: 15, x2: 40, y2: 15 }, true],
    ["ending inside", { x1: 0, y1: 0, x2: 15, y2: 15 }, true],
    ["passing a corner", { x1: 0, y1: 25, x2: 40, y2: 35 }, false],
    ["vertical, beside", { x1: 35, y1: 0, x2: 35, y2: 40 }, false],
  ])("segmentOverlapsBox: %s", (_, segment, expected) => {
    expect(segmentOverlapsBox(segment, box)).toBe(expected);
  });

  it.each([
    ["through the centre", { x1: -10, y1: 0, x2: 10, y2: 0 }, true],
    ["tangent-ish, outside", { x1: -10, y1: 5.1, x2: 10, y2: 5.1 }, false],
    ["stopping short", { x1: -10, y1: 0, x2: -6, y2: 0 }, false],
    ["a point inside", { x1: 1, y1: 1, x2: 1, y2: 1 }, true],
  ])("segmentOverlapsCircle: %s", (_, segment, expected) => {
    expect(segmentOverlapsCircle(segment, { cx: 0, cy: 0, r: 5 })).toBe(expected);
  });

  it("gives bounds of circles and segments", () => {
    expect(circleBounds({ cx: 5, cy: 6, r: 2 })).toEqual({ x: 3, y: 4, width: 4, height: 4 });
    expect(segmentBounds({ x1: 5, y1: 1, x2: 2, y2: 7 })).toEqual({ x: 2, y: 1, width: 3, height: 6 });
    expect(boxInside({ x: 11, y: 11, width: 2, height: 2 }, box)).toBe(true);
    expect(boxInside({ x: 29, y: 11, width: 2, height: 2 }, box)).toBe(false);
  });

  const boxArb = fc.record({
    x: fc.integer({ min: -200, max: 200 }),
    y: fc.integer({ min: -200, max: 200 }),
    width: fc.integer({ min: 0, max: 80 }),
    height: fc.integer({ min: 0, max: 80 }),
  });

  test.prop([fc.array(boxArb, { maxLength: 60 }), boxArb, fc.integer({ min: 1, max: 64 })])(
    "SpatialGrid.query finds every box that overlaps the query box",
    (boxes, query, cellSize) => {
      const grid = new SpatialGrid<number>(cellSize);
      boxes.forEach((b, i) => {
        grid.insert(b, i);
      });
      const found = new Set(grid.query(query));
      boxes.forEach((b, i) => {
        if (boxesOverlap(b, query)) expect(found.has(i)).toBe(true);
      });
      expect(found.size).toBe(grid.query(query).length); // each item once
    },
  );
});
