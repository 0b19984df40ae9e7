import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { ratings } from "./fixtures.test-helpers.js";

const app = createApp();

const post = (body: unknown) =>
  app.request("/v1/score", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

interface ScoreBody {
  results: { id: string; raters: number; disagreement: number }[];
  discussion?: {
    spreads: { initiative: string; criterion: string; range: number; discuss: boolean }[];
    discuss: { initiative: string; criterion: string; impact: { quadrantChanges: boolean } | null }[];
    agreement: { raterNames: string[]; w: number | null } | null;
  };
}

describe("POST /v1/score with several raters", () => {
  const workshop = [
    {
      name: "Voice bot",
      raters: [
        { rater: "ann", ratings: ratings({ data_readiness: 1 }) },
        { rater: "bo", ratings: ratings({ data_readiness: 5 }) },
        { rater: "cy", ratings: ratings({ data_readiness: 3 }) },
      ],
    },
    {
      name: "Agent assist",
      raters: [
        { rater: "ann", ratings: ratings({ cx_impact: 4 }) },
        { rater: "bo", ratings: ratings({ cx_impact: 4 }) },
        { rater: "cy", ratings: ratings({ cx_impact: 5 }) },
      ],
    },
    { name: "Churn model", ratings: ratings() },
  ];

  it("aggregates raters and adds the discussion list from the core's disagreement analysis", async () => {
    const response = await post({ initiatives: workshop });
    expect(response.status).toBe(200);
    const body = (await response.json()) as ScoreBody;
    expect(body.results.find((result) => result.id === "voice-bot")).toMatchObject({ raters: 3 });
    expect(body.results.find((result) => result.id === "churn-model")).toMatchObject({ raters: 1 });
    // 1 vs 5 on a 1-5 scale reaches the default threshold (half the span, 2 points); 4 vs 5 does not.
    expect(body.discussion?.discuss.map(({ initiative, criterion }) => [initiative, criterion])).toEqual([
      ["voice-bot", "data_readiness"],
    ]);
    const spread = body.discussion?.spreads.find(
      (entry) => entry.initiative === "voice-bot" && entry.criterion === "data_readiness",
    );
    expect(spread).toMatchObject({ range: 4, discuss: true });
    expect(body.discussion?.agreement?.raterNames).toEqual(["ann", "bo", "cy"]);
  });

  it("leaves the discussion out when no initiative has raters", async () => {
    const body = (await (
      await post({ initiatives: [{ name: "A", ratings: ratings() }] })
    ).json()) as ScoreBody;
    expect(body).not.toHaveProperty("discussion");
  });

  it("discusses a rater's \"don't know\" under missing neutral, and names it under missing error", async () => {
    const unsure = [
      {
        name: "Voice bot",
        raters: [
          { rater: "ann", ratings: ratings({ cx_impact: null, data_readiness: 1 }) },
          { rater: "bo", ratings: ratings({ data_readiness: 5 }) },
        ],
      },
    ];
    const neutral = await post({ initiatives: unsure, options: { missing: "neutral" } });
    expect(neutral.status).toBe(200);
    const body = (await neutral.json()) as ScoreBody;
    expect(body.discussion?.discuss.map(({ criterion }) => criterion)).toEqual(["data_readiness"]);
    // The blank rating is left out of the spread, not read as the midpoint.
    expect(body.discussion?.spreads.some((spread) => spread.criterion === "cx_impact")).toBe(false);

    const strict = await post({ initiatives: unsure });
    expect(strict.status).toBe(422);
    expect(await strict.text()).toContain("/initiatives/0/raters/0/ratings/cx_impact");
  });
});
