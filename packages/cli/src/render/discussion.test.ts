import { defaultModel } from "@cxprism/core";
import { analyseDisagreement } from "@cxprism/core/confidence";
import { describe, expect, it } from "vitest";
import { appendJsonFields, describeImpact, discussionJson, renderDiscussionTable } from "./discussion.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);
const ratings = (data: number) =>
  Object.fromEntries(ids.map((id) => [id, id === "data_readiness" ? data : 3]));

const initiatives = [
  {
    id: "va",
    name: "Virtual assistant",
    raters: [
      { rater: "Maria", ratings: ratings(1) },
      { rater: "Jussi", ratings: ratings(5) },
    ],
  },
  { id: "ks", name: "Knowledge search", ratings: ratings(3) },
];

describe("appendJsonFields", () => {
  it.each([[['{"a":1}\n']], [['{"a":', "[1,2", "]}\n"]], [['{"a":[', "", "1]}"]]])(
    "adds fields at the end of a chunked object %j",
    (chunks) => {
      const text = [...appendJsonFields(chunks, { discussion: { n: 2 } })].join("");
      expect(JSON.parse(text)).toEqual({ ...JSON.parse(chunks.join("")), discussion: { n: 2 } });
    },
  );

  it("refuses text that is not an object", () => {
    expect(() => [...appendJsonFields(["[1]"], { x: 1 })]).toThrow(/JSON object/);
  });
});

describe("the discussion list", () => {
  const report = analyseDisagreement(initiatives);

  it("flags the 1-vs-5 data readiness and says what it can move", () => {
    const spread = report.discuss[0]!;
    expect(spread.criterion).toBe("data_readiness");
    expect(describeImpact(spread, defaultModel)).toMatch(/^(quadrant|rank|priority) /);
    const table = renderDiscussionTable(report, defaultModel, { colour: false });
    expect(table).toMatch(/Virtual assistant\s+Data readiness\s+1\.\.5 \(2 raters\)\s+4/);
    expect(table).toContain("differ by 2 point(s) or more");
  });

  it("says when no rating needs discussing", () => {
    const calm = analyseDisagreement(initiatives, { threshold: 5 });
    expect(renderDiscussionTable(calm, defaultModel, { colour: false })).toContain(
      "no rating differs by 5 point(s)",
    );
  });

  it("gives json with the list, every spread flagged, and the agreement", () => {
    const json = discussionJson(report) as { discuss: { discuss: boolean }[]; spreads: unknown[] };
    expect(json.discuss.every((spread) => spread.discuss)).toBe(true);
    expect(json.spreads).toHaveLength(report.spreads.length);
  });
});
