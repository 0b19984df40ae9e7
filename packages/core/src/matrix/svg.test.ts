import { fc, test } from "@fast-check/vitest";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import { score } from "../pipeline/score.js";
import { layoutMatrix, MAX_UNRATED_LINES } from "./layout.js";
import type { MatrixInput } from "./options.js";
import { describeMatrix, renderMatrixSvg } from "./svg.js";
import { renderMatrixText } from "./text.js";

/**
 * Parses with a real XML parser that throws on any error, so only well-formed XML passes. (Warnings, such as
 * "replacement character detected", are not well-formedness errors.)
 */
function parseSvg(svg: string): Element {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`${level}: ${message}`);
    },
  });
  const document = parser.parseFromString(svg, "image/svg+xml");
  return document.documentElement!;
}

const elements = (root: Element, tag: string): Element[] => Array.from(root.getElementsByTagName(tag));

/** Numbers in the SVG rounded to one decimal, so a snapshot does not hinge on a floating-point last digit. */
const roundNumbers = (svg: string): string =>
  svg.replace(/-?\d+\.\d+/g, (match) => String(Math.round(Number(match) * 10) / 10));

const example = score(catalogInitiatives());

function point(id: string, name: string, value: number, feasibility: number, category = "c"): MatrixInput {
  return { id, name, category, value, feasibility };
}

describe("renderMatrixSvg", () => {
  it.each(["light", "dark"] as const)("matches the example portfolio's snapshot (%s)", async (theme) => {
    const svg = renderMatrixSvg(example, { theme });
    await expect(roundNumbers(svg)).toMatchFileSnapshot(`./__snapshots__/example-${theme}.svg`);
  });

  it.each(["light", "dark"] as const)("is well-formed XML with title, desc and ARIA roles (%s)", (theme) => {
    const root = parseSvg(renderMatrixSvg(example, { theme }));
    expect(root.getAttribute("role")).toBe("img");
    const [titleId, descId] = root.getAttribute("aria-labelledby")!.split(" ");
    const title = elements(root, "title").find((el) => el.getAttribute("id") === titleId);
    const desc = elements(root, "desc").find((el) => el.getAttribute("id") === descId);
    expect(title?.textContent).toBe("Prism matrix: business value vs feasibility");
    expect(desc?.textContent).toContain("Scatter plot of 22 initiatives");
    const list = elements(root, "g").find((el) => el.getAttribute("role") === "list")!;
    const items = elements(list, "g").filter((el) => el.getAttribute("role") === "listitem");
    expect(items).toHaveLength(22);
    expect(items.every((item) => (item.getAttribute("aria-label") ?? "").includes("value"))).toBe(true);
  });

  it("uses the theme's background", () => {
    expect(renderMatrixSvg(example, { theme: "dark" })).toContain('fill="#14161D"');
    expect(renderMatrixSvg(example)).toContain('fill="#FFFFFF"');
  });

  it("is byte-identical for the same input, and for the same input in another order", () => {
    const svg = renderMatrixSvg(example);
    expect(renderMatrixSvg(example)).toBe(svg);
    expect(renderMatrixSvg([...example].reverse())).toBe(svg);
  });

  it("writes every number with at most 3 decimals (2 for coordinates)", () => {
    const svg = renderMatrixSvg(example, { width: 1013, height: 677 });
    const numbers = svg.match(/\d+\.\d+/g) ?? [];
    expect(numbers.every((number) => number.split(".")[1]!.length <= 3)).toBe(true);
    const coordinates = [...svg.matchAll(/ (?:x|y|cx|cy|r|width|height)="([^"]+)"/g)].map((m) => m[1]!);
    expect(coordinates.every((c) => /^-?\d+(\.\d{1,2})?%?$/.test(c))).toBe(true);
  });

  it.each([
    [480, 400],
    [960, 680],
    [1600, 1200],
  ])("honours width %d and height %d", (width, height) => {
    const root = parseSvg(renderMatrixSvg(example, { width, height }));
    expect(root.getAttribute("width")).toBe(String(width));
    expect(root.getAttribute("height")).toBe(String(height));
    expect(root.getAttribute("viewBox")).toBe(`0 0 ${width} ${height}`);
  });

  it("escapes every text: names, categories, titles and labels", () => {
    const name = `<script>alert("x")</script> & 'co'`;
    const svg = renderMatrixSvg([point("x", name, 70, 70, "R&D <lab>")], {
      title: 'Q3 <board> & "pack"',
      model: { quadrantLabels: { "likely-win": "Do <now> & win" } },
    });
    expect(svg).not.toContain("<script>");
    const root = parseSvg(svg);
    const texts = elements(root, "text").map((el) => el.textContent);
    expect(texts).toContain(name);
    expect(texts).toContain("R&D <lab>");
    expect(texts).toContain("Do <now> & win");
    expect(elements(root, "title")[0]!.textContent).toBe('Q3 <board> & "pack"');
  });

  it("replaces characters XML forbids instead of producing a broken document", () => {
    const root = parseSvg(renderMatrixSvg([point("x", "bell\u0007 and \uD800lone", 60, 60)]));
    expect(elements(root, "text").map((el) => el.textContent)).toContain("bell\uFFFD and \uFFFDlone");
  });

  it("renders names in Latin, Cyrillic and Arabic, marking right-to-left text", () => {
    const names = ["Äänestys-analytiikka", "Голосовой помощник", "المساعد الافتراضي"];
    const root = parseSvg(
      renderMatrixSvg([
        point("a", names[0]!, 80, 30),
        point("b", names[1]!, 30, 80),
        point("c", names[2]!, 70, 75),
      ]),
    );
    const texts = elements(root, "text");
    for (const name of names) expect(texts.map((el) => el.textContent)).toContain(name);
    const arabic = texts.find((el) => el.textContent === names[2])!;
    expect(arabic.getAttribute("direction")).toBe("rtl");
    expect(arabic.getAttribute("unicode-bidi")).toBe("embed");
    const cyrillic = texts.find((el) => el.textContent === names[1])!;
    expect(cyrillic.hasAttribute("direction")).toBe(false);
  });

  it("sizes markers by cost (area proportional) and draws a size legend", () => {
    const inputs = [
      { ...point("a", "A", 80, 20), cost: 400 },
      { ...point("b", "B", 20, 80), cost: 100 },
      point("c", "C", 50, 50),
    ];
    const root = parseSvg(renderMatrixSvg(inputs));
    const radius = (id: string): number => {
      const item = elements(root, "g").find((el) => el.getAttribute("aria-label")?.includes(`. ${id},`));
      return Number(elements(item!, "circle")[0]!.getAttribute("r"));
    };
    expect((radius("B") / radius("A")) ** 2).toBeCloseTo(100 / 400, 2);
    const texts = elements(root, "text").map((el) => el.textContent);
    expect(texts).toContain("Size: Cost");
    expect(texts).toContain("no cost given");
  });

  it("takes sizes from a map by id, overriding the cost field", () => {
    const svg = renderMatrixSvg([{ ...point("a", "A", 80, 20), cost: 1 }, point("b", "B", 20, 80)], {
      sizes: { a: 1_000_000, b: 250_000 },
      sizeLabel: "Budget",
    });
    expect(svg).toContain("Size: Budget");
    expect(svg).toContain(">1M<");
  });

  it("draws the quadrant labels and thresholds of the model it is given", () => {
    const root = parseSvg(
      renderMatrixSvg(example, {
        model: { thresholds: { value: 60, feasibility: 40 }, quadrantLabels: { "likely-win": "Go" } },
      }),
    );
    const texts = elements(root, "text").map((el) => el.textContent);
    expect(texts).toContain("Go");
    expect(texts).toContain("Calculated risk");
    expect(elements(root, "desc")[0]!.textContent).toContain("value 60, feasibility 40");
  });

  it.each(["closeness", "geometric-mean", "weighted-mean"] as const)(
    "draws iso-priority bands for the %s rule",
    (priority) => {
      const root = parseSvg(renderMatrixSvg(example, { model: { priority } }));
      const bands = elements(root, "g").find((el) => el.hasAttribute("clip-path"))!;
      expect(elements(bands, "path")).toHaveLength(9);
    },
  );

  it.each([
    ["no initiatives", []],
    ["one initiative", [point("a", "Alone", 50, 50)]],
    ["all in one spot", Array.from({ length: 30 }, (_, i) => point(`p${i}`, `Pile ${i}`, 42, 42))],
    ["on the corners", [point("a", "Zero", 0, 0), point("b", "Top", 100, 100), point("c", "Edge", 0, 100)]],
  ])("stays well-formed with %s", (_, inputs) => {
    expect(() => parseSvg(renderMatrixSvg(inputs))).not.toThrow();
  });

  it("keeps a quadrant without room for its label unlabelled", () => {
    const svg = renderMatrixSvg(example, { model: { thresholds: { value: 100, feasibility: 0 } } });
    // Value threshold 100 leaves the top quadrants no height, feasibility threshold 0 the left ones no width.
    expect(svg).not.toContain(">Likely win<");
    expect(svg).not.toContain(">Calculated risk<");
    expect(svg).not.toContain(">Unlikely<");
    expect(svg).toContain(">Marginal gain<");
  });

  it.each([
    ["width", { width: 100 }, "invalid-options"],
    ["height", { height: Number.NaN }, "invalid-options"],
    ["levels", { levels: [0, 50] }, "invalid-options"],
    ["thresholds", { model: { thresholds: { value: 101 } } }, "invalid-options"],
    ["idPrefix", { idPrefix: 'x" onload="alert(1)' }, "invalid-options"],
    ["sizes", { sizes: { "virtual-customer-assistant": -1 } }, "invalid-input"],
  ])("rejects a bad %s with a CxprismError", (_, options, code) => {
    expect(() => renderMatrixSvg(example, options)).toThrow(CxprismError);
    try {
      renderMatrixSvg(example, options);
    } catch (error) {
      expect((error as CxprismError).code).toBe(code);
    }
  });

  it("reports every score outside 0-100 with its place", () => {
    try {
      renderMatrixSvg([point("a", "A", 120, 50), point("b", "B", 50, -1)]);
      expect.unreachable();
    } catch (error) {
      expect((error as CxprismError).problems.map((p) => p.path)).toEqual([
        [0, "value"],
        [1, "feasibility"],
      ]);
    }
  });

  test.prop(
    [
      fc.array(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 40, unit: "binary" }),
          category: fc.string({ maxLength: 12, unit: "binary" }),
          value: fc.double({ min: 0, max: 100, noNaN: true }),
          feasibility: fc.double({ min: 0, max: 100, noNaN: true }),
        }),
        { maxLength: 40 },
      ),
    ],
    { numRuns: 25, seed: 5 },
  )("is well-formed XML for any names, in any script", (rows) => {
    const inputs = rows.map((row, i) => ({ ...row, id: `i${i}` }));
    expect(() => parseSvg(renderMatrixSvg(inputs))).not.toThrow();
  });
});

describe("unrated initiatives (issue #13)", () => {
  const catalog = catalogInitiatives()
    .slice(0, 8)
    .map((initiative) => ({ ...initiative, dependsOn: [] }));
  const results = score(
    [
      ...catalog,
      { name: "Blank row", ratings: {} },
      { name: "Only value rated", ratings: { cx_impact: 5, cost_to_serve: 5 } },
    ],
    { missing: "neutral" },
  );

  it("are drawn apart: listed under the legend, never as a marker on the plot", () => {
    const layout = layoutMatrix(results);
    expect(layout.markers.map((marker) => marker.point.input.name)).not.toContain("Blank row");
    expect(layout.markers).toHaveLength(8);
    expect(layout.legend.unrated?.title.text).toBe("Unrated (2)");
    expect(layout.legend.unrated?.lines.map((line) => line.text).join(" ")).toBe(
      "Only value rated; Blank row",
    );
    const svg = renderMatrixSvg(results);
    expect(svg).toContain(">Unrated (2)</text>");
    expect(describeMatrix(layout)).toContain(
      "Unrated (2): Only value rated; Blank row. No ratings on an axis: not plotted.",
    );
  });

  it("list at most MAX_UNRATED_LINES lines of names, ending with how many more", () => {
    const many = score(
      [...catalog, ...Array.from({ length: 60 }, (_, i) => ({ name: `Blank initiative ${i}`, ratings: {} }))],
      { missing: "neutral" },
    );
    const lines = layoutMatrix(many).legend.unrated!.lines.map((line) => line.text);
    expect(lines).toHaveLength(MAX_UNRATED_LINES);
    const more = Number(/^\+(\d+) more$/.exec(lines.at(-1)!)![1]);
    expect(lines.at(-2)).toMatch(/;$/);
    const finished = lines.slice(0, -1).join(" ").split(";").length - 1;
    expect(finished + more).toBe(60);
  });

  it("are listed under the terminal matrix, not plotted on it", () => {
    const text = renderMatrixText(results);
    expect(text).toContain(
      "Unrated (2): No ratings on an axis: not plotted\n  Only value rated\n  Blank row\n",
    );
  });
});
