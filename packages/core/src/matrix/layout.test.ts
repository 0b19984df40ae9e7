import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { de } from "../i18n/de.js";
import { score } from "../pipeline/score.js";
import {
  type Box,
  boxesOverlap,
  boxInside,
  boxOverlapsCircle,
  segmentOverlapsBox,
  segmentOverlapsCircle,
} from "./geometry.js";
import { layoutMatrix, MAX_LABELLED_MARKERS, type MatrixLayout } from "./layout.js";
import type { MatrixInput } from "./options.js";
import { estimateTextWidth } from "./text-width.js";

/** Every label box is inside the plot and clear of every other label, every marker and every quadrant label. */
function assertLabelsClear(layout: MatrixLayout): void {
  const labelled = layout.markers.flatMap((marker) =>
    marker.label.kind === "inside" || marker.label.kind === "none"
      ? []
      : [{ marker, box: marker.label.box, leader: marker.label.leader }],
  );
  const quadrantBoxes: Box[] = layout.quadrants.flatMap((q) => (q.label === undefined ? [] : [q.label.box]));
  // Collected, then asserted once: thousands of separate expect() calls would dominate the run time.
  const violations: string[] = [];
  for (const [i, { marker, box, leader }] of labelled.entries()) {
    const n = marker.number;
    if (!boxInside(box, layout.plot)) violations.push(`label ${n} outside the plot`);
    for (const other of labelled.slice(i + 1))
      if (boxesOverlap(box, other.box)) violations.push(`label ${n} overlaps label ${other.marker.number}`);
    for (const other of layout.markers)
      if (boxOverlapsCircle(box, other)) violations.push(`label ${n} overlaps marker ${other.number}`);
    for (const quadrantBox of quadrantBoxes)
      if (boxesOverlap(box, quadrantBox)) violations.push(`label ${n} overlaps a quadrant label`);
    if (leader !== undefined) {
      for (const other of labelled)
        if (other.marker !== marker && segmentOverlapsBox(leader, other.box))
          violations.push(`leader ${n} crosses label ${other.marker.number}`);
      for (const other of layout.markers)
        if (other !== marker && segmentOverlapsCircle(leader, other))
          violations.push(`leader ${n} crosses marker ${other.number}`);
    }
  }
  expect(violations).toEqual([]);
}

const initiativesArb = (min: number, max: number) =>
  fc
    .array(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 36 }),
        category: fc.constantFrom(
          "self-service",
          "agent assist",
          "analytics",
          "routing",
          "trust",
          "",
          "другое",
        ),
        // Hundredths spread points over the whole plot (fc.double favours values near 0).
        value: fc.integer({ min: 0, max: 10_000 }).map((v) => v / 100),
        feasibility: fc.integer({ min: 0, max: 10_000 }).map((v) => v / 100),
        cost: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
      }),
      { minLength: min, maxLength: max },
    )
    .map((rows) =>
      rows.map((row, i): MatrixInput => {
        const base = {
          id: `i${i}`,
          name: row.name,
          category: row.category,
          value: row.value,
          feasibility: row.feasibility,
        };
        return row.cost === undefined ? base : { ...base, cost: row.cost };
      }),
    );

describe("layoutMatrix", () => {
  it("maps feasibility to x and value to y over the plot, 0-100", () => {
    const layout = layoutMatrix([]);
    const { plot, x, y } = layout;
    expect(x(0)).toBeCloseTo(plot.x, 9);
    expect(x(100)).toBeCloseTo(plot.x + plot.width, 9);
    expect(y(0)).toBeCloseTo(plot.y + plot.height, 9);
    expect(y(100)).toBeCloseTo(plot.y, 9);
    expect(layout.xTicks.map((tick) => tick.text)).toEqual([
      "0",
      "10",
      "20",
      "30",
      "40",
      "50",
      "60",
      "70",
      "80",
      "90",
      "100",
    ]);
  });

  it("puts the thresholds where the model says", () => {
    const layout = layoutMatrix([], { model: { thresholds: { value: 70, feasibility: 30 } } });
    expect(layout.thresholds.x).toBeCloseTo(layout.x(30), 9);
    expect(layout.thresholds.y).toBeCloseTo(layout.y(70), 9);
  });

  it("places each marker at its scores, numbered in priority order", () => {
    const results = score(catalogInitiatives());
    const layout = layoutMatrix(results);
    expect(layout.markers.map((marker) => marker.point.input.id)).toEqual(results.map((result) => result.id));
    for (const [index, marker] of layout.markers.entries()) {
      expect(marker.number).toBe(index + 1);
      expect(marker.cx).toBeCloseTo(layout.x(marker.point.input.feasibility), 9);
      expect(marker.cy).toBeCloseTo(layout.y(marker.point.input.value), 9);
    }
  });

  it("gives each category one colour, in name order whatever the input order", () => {
    const results = score(catalogInitiatives());
    const a = layoutMatrix(results);
    const b = layoutMatrix([...results].reverse());
    expect(a.categories).toEqual([...a.categories].sort());
    expect(b.categories).toEqual(a.categories);
  });

  it("lists every marker without a name label in the key, and no other", () => {
    const layout = layoutMatrix(score(catalogInitiatives()));
    const keyed = layout.markers
      .filter((marker) => marker.label.kind !== "name" && marker.label.kind !== "none")
      .map((marker) => marker.number);
    expect(keyed.length).toBeGreaterThan(0);
    expect(layout.key.map((entry) => entry.number)).toEqual(keyed);
    expect(layout.keyOverflow).toBeUndefined();
  });

  it("never shortens a name in the key when fewer columns would fit it", () => {
    const long = "Case classification and workflow assignment for every channel";
    const inputs = score(catalogInitiatives()).map((result, i) =>
      i === 3 ? { ...result, name: long } : result,
    );
    const layout = layoutMatrix(inputs, { width: 1000, height: 700 });
    expect(layout.key.length).toBeGreaterThan(0);
    for (const entry of layout.key) expect(entry.nameText.text).toBe(entry.name);
  });

  it("counts the numbered markers a small picture's key has no room for", () => {
    const layout = layoutMatrix(score(catalogInitiatives()), { width: 640, height: 480 });
    const keyed = layout.markers
      .filter((marker) => marker.label.kind !== "name" && marker.label.kind !== "none")
      .map((marker) => marker.number);
    const shown = layout.key.map((entry) => entry.number);
    expect(shown).toEqual(keyed.slice(0, shown.length));
    const rest = keyed.length - shown.length;
    if (rest === 0) expect(layout.keyOverflow).toBeUndefined();
    else expect(layout.keyOverflow?.text).toBe(`… and ${rest} more (numbers ${keyed[shown.length]} and up)`);
  });

  it("labels only the first markers in priority order past MAX_LABELLED_MARKERS and says so in the legend", () => {
    // 3,000 initiatives on one spot and 2,000 in a cluster a point wide: the crowding that made placement
    // superlinear. The rest of the chart stays clear of every one of them.
    const inputs: MatrixInput[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `i${String(i).padStart(4, "0")}`,
      name: `Initiative ${i}`,
      category: "",
      value: i < 3000 ? 40 : 60 + (i % 7) / 7,
      feasibility: i < 3000 ? 40 : 60 + (i % 5) / 5,
    }));
    const layout = layoutMatrix(inputs);
    const unlabelled = layout.markers.filter((marker) => marker.label.kind === "none");
    expect(unlabelled).toHaveLength(5000 - MAX_LABELLED_MARKERS);
    expect(
      unlabelled.every((marker) => marker.number > MAX_LABELLED_MARKERS && marker.labelText === ""),
    ).toBe(true);
    expect(layout.legend.unlabelled?.map((line) => line.text)).toEqual([
      `Names on the top ${MAX_LABELLED_MARKERS}`,
      "by priority only;",
      "4,900 markers unlabelled",
    ]);
    // The note is in the matrix's language, with its own thousands separator.
    expect(layoutMatrix(inputs, { messages: de }).legend.unlabelled?.map((line) => line.text)).toEqual([
      `Namen nur an den ${MAX_LABELLED_MARKERS}`,
      "mit höchster Priorität;",
      "4.900 Punkte ohne Namen",
    ]);
    assertLabelsClear(layout);
  });

  it("labels every example initiative by name or number without overlaps", () => {
    assertLabelsClear(layoutMatrix(score(catalogInitiatives())));
  });

  test.prop([initiativesArb(60, 120)], { numRuns: 12, seed: 424242, endOnFailure: true })(
    "never lets a label overlap another label, a marker or a quadrant label, for 60-120 random initiatives",
    (inputs) => {
      const layout = layoutMatrix(inputs);
      expect(layout.markers).toHaveLength(inputs.length);
      assertLabelsClear(layout);
      const keyed = layout.markers.filter(
        (marker) => marker.label.kind !== "name" && marker.label.kind !== "none",
      ).length;
      const more = Number(/and (\d+) more/.exec(layout.keyOverflow?.text ?? "")?.[1] ?? 0);
      expect(layout.key.length + more).toBe(keyed);
    },
  );

  test.prop([initiativesArb(60, 80), fc.constantFrom(480, 800, 1400), fc.constantFrom(400, 700, 1000)], {
    numRuns: 8,
    seed: 99,
    endOnFailure: true,
  })("keeps labels clear at any size", (inputs, width, height) => {
    assertLabelsClear(layoutMatrix(inputs, { width, height }));
  });

  it("shrinks the plot to make room for the key, and no more than needed", () => {
    const crowded = Array.from({ length: 60 }, (_, i) => ({
      id: `c${i}`,
      name: `A rather long initiative name ${i}`,
      category: "x",
      value: 40 + (i % 10),
      feasibility: 40 + Math.floor(i / 10),
    }));
    const empty = layoutMatrix([]);
    const layout = layoutMatrix(crowded);
    expect(layout.plot.height).toBeLessThan(empty.plot.height);
    expect(layout.key.length).toBe(layout.markers.filter((marker) => marker.label.kind !== "name").length);
    for (const entry of layout.key) expect(entry.nameText.y).toBeLessThanOrEqual(layout.height);
  });

  it("ends a key without room for every numbered marker with how many more there are", () => {
    const crowded = Array.from({ length: 90 }, (_, i) => ({
      id: `c${i}`,
      name: `A rather long initiative name ${i}`,
      category: `k${i % 7}`,
      value: 45 + (i % 10) / 2,
      feasibility: 45 + Math.floor(i / 10) / 2,
    }));
    const layout = layoutMatrix(crowded, { width: 480, height: 400 });
    const keyed = layout.markers.filter((marker) => marker.label.kind !== "name");
    expect(layout.key.length).toBeLessThan(keyed.length);
    expect(layout.keyOverflow?.text).toBe(
      `… and ${keyed.length - layout.key.length} more (numbers ${keyed[layout.key.length]!.number} and up)`,
    );
    // The key stays clear of the legends beside it.
    for (const entry of layout.key) {
      const right = entry.nameText.x + estimateTextWidth(entry.nameText.text, 11);
      expect(right <= layout.legend.categoryTitle.x || entry.nameText.y > layout.legend.bottom).toBe(true);
    }
  });
});
