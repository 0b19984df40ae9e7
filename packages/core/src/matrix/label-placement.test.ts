import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Box, boxesOverlap, boxInside, boxOverlapsCircle, type Circle } from "./geometry.js";
import { candidateBox, type LabelRequest, placeLabels } from "./label-placement.js";

const bounds: Box = { x: 0, y: 0, width: 800, height: 600 };

/** Brute-force check, independent of the spatial grid: every placed box is clear of every other thing. */
function assertNoOverlaps(requests: readonly LabelRequest[], placed: ReturnType<typeof placeLabels>): void {
  const boxes = placed.flatMap((placement) => (placement.kind === "inside" ? [] : [placement.box]));
  for (let i = 0; i < boxes.length; i++) {
    expect(boxInside(boxes[i]!, bounds)).toBe(true);
    for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!, boxes[j]!)).toBe(false);
    for (const request of requests) expect(boxOverlapsCircle(boxes[i]!, request.circle)).toBe(false);
  }
}

/** Distance from a box to a circle's edge (negative when they overlap). */
function edgeDistance(box: Box, circle: Circle): number {
  const dx = Math.max(box.x - circle.cx, 0, circle.cx - (box.x + box.width));
  const dy = Math.max(box.y - circle.cy, 0, circle.cy - (box.y + box.height));
  return Math.hypot(dx, dy) - circle.r;
}

const requestArb = fc.record({
  circle: fc.record({
    // Hundredths of a pixel spread markers evenly (fc.double favours values near 0).
    cx: fc.integer({ min: 0, max: 80_000 }).map((v) => v / 100),
    cy: fc.integer({ min: 0, max: 60_000 }).map((v) => v / 100),
    r: fc.double({ min: 2, max: 14, noNaN: true }),
  }),
  width: fc.double({ min: 20, max: 180, noNaN: true }),
  fallbackWidth: fc.double({ min: 7, max: 20, noNaN: true }),
});

describe("placeLabels", () => {
  it("puts a lone marker's label to its right, vertically centred", () => {
    const [placement] = placeLabels([{ circle: { cx: 100, cy: 100, r: 5 }, width: 60, fallbackWidth: 12 }], {
      bounds,
      height: 14,
    });
    expect(placement).toEqual({ kind: "name", position: "E", box: { x: 107, y: 93, width: 60, height: 14 } });
  });

  it("moves a label to the left when the right edge of the bounds is too close", () => {
    const [placement] = placeLabels([{ circle: { cx: 780, cy: 100, r: 5 }, width: 60, fallbackWidth: 12 }], {
      bounds,
      height: 14,
    });
    expect(placement).toMatchObject({ kind: "name", position: "W" });
  });

  it("gives the first request the best spot and the later ones what is left", () => {
    const requests = [
      { circle: { cx: 100, cy: 100, r: 5 }, width: 60, fallbackWidth: 12 },
      { circle: { cx: 100, cy: 100, r: 5 }, width: 60, fallbackWidth: 12 },
    ];
    const placed = placeLabels(requests, { bounds, height: 14 });
    expect(placed[0]).toMatchObject({ position: "E" });
    // Two markers on the same spot cover each other: the second cannot touch the first's marker either.
    expect(placed[1]).toMatchObject({ kind: "name" });
    assertNoOverlaps(requests, placed);
  });

  it("avoids obstacles", () => {
    const obstacle: Box = { x: 105, y: 80, width: 100, height: 40 };
    const [placement] = placeLabels([{ circle: { cx: 100, cy: 100, r: 4 }, width: 60, fallbackWidth: 12 }], {
      bounds,
      height: 14,
      obstacles: [obstacle],
    });
    expect(placement).toMatchObject({ kind: "name", position: "W" });
  });

  it("falls back to the key number, then to a number on the marker, as space runs out", () => {
    // A marker boxed in by neighbours: no name fits, a short number does, then nothing at all does.
    const tight: Box = { x: 0, y: 0, width: 40, height: 40 };
    const requests = [{ circle: { cx: 20, cy: 20, r: 6 }, width: 100, fallbackWidth: 8 }];
    expect(placeLabels(requests, { bounds: tight, height: 10 })[0]).toMatchObject({ kind: "number" });
    const tighter: Box = { x: 8, y: 8, width: 24, height: 24 };
    expect(placeLabels(requests, { bounds: tighter, height: 10 })[0]).toEqual({ kind: "inside" });
  });

  it.each(["E", "W", "N", "S", "NE", "NW", "SE", "SW", "EN", "ES", "WN", "WS"] as const)(
    "keeps candidate %s clear of its own marker",
    (position) => {
      const circle = { cx: 50, cy: 50, r: 10 };
      expect(boxOverlapsCircle(candidateBox(circle, position, 40, 12, 12), circle)).toBe(false);
    },
  );

  test.prop([fc.array(requestArb, { minLength: 60, maxLength: 150 })], {
    numRuns: 40,
    seed: 20261122,
    endOnFailure: true,
  })("never overlaps labels with labels or markers for 60-150 random markers", (requests) => {
    const placed = placeLabels(requests, { bounds, height: 14 });
    expect(placed).toHaveLength(requests.length);
    assertNoOverlaps(requests, placed);
  });

  it("moves a label that would sit nearer a neighbour's marker than its own", () => {
    // E of `a` would put the label's right half 1.5 px above `b`'s edge: nearer b (1.5) than a (2).
    const a = { circle: { cx: 50, cy: 50, r: 5 }, width: 60, fallbackWidth: 10 };
    const b = { circle: { cx: 90, cy: 63.5, r: 5 }, width: 20, fallbackWidth: 10 };
    const [placed] = placeLabels([a, b], { bounds, height: 14 });
    expect(placed).toMatchObject({ kind: "name" });
    expect(placed).not.toMatchObject({ position: "E" });
  });

  test.prop([fc.array(requestArb, { minLength: 60, maxLength: 150 })], { numRuns: 20, seed: 20261130 })(
    "never puts a label without a leader line nearer another marker than its own",
    (requests) => {
      const placed = placeLabels(requests, { bounds, height: 14 });
      placed.forEach((placement, i) => {
        if (placement.kind === "inside" || placement.leader !== undefined) return;
        const own = requests[i]!.circle;
        const ownDistance = edgeDistance(placement.box, own);
        for (const other of requests) {
          if (other.circle.cx === own.cx && other.circle.cy === own.cy) continue;
          expect(edgeDistance(placement.box, other.circle)).toBeGreaterThanOrEqual(ownDistance - 1e-9);
        }
      });
    },
  );

  test.prop([fc.array(requestArb, { minLength: 60, maxLength: 80 })], { numRuns: 10, seed: 7 })(
    "is deterministic",
    (requests) => {
      expect(placeLabels(requests, { bounds, height: 14 })).toEqual(
        placeLabels(requests, { bounds, height: 14 }),
      );
    },
  );
});
