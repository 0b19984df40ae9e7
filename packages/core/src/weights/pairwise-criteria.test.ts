import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { pairwiseCriterionIds } from "./pairwise-criteria.js";

describe("pairwiseCriterionIds", () => {
  it("maps labels and ids to criterion ids", () => {
    expect(
      pairwiseCriterionIds(defaultModel, [
        "Customer experience impact",
        " cost-to-serve  REDUCTION",
        "strategic_fit",
      ]),
    ).toEqual({
      success: true,
      ids: ["cx_impact", "cost_to_serve", "strategic_fit"],
      criteria: true,
    });
  });

  it("keeps the headers of a matrix that compares no criterion (Saaty's houses)", () => {
    expect(pairwiseCriterionIds(defaultModel, ["size", "transport", "age"])).toEqual({
      success: true,
      ids: ["size", "transport", "age"],
      criteria: false,
    });
  });

  it("names every header that is not a criterion once one is, and a criterion named twice", () => {
    const outcome = pairwiseCriterionIds(defaultModel, [
      "Data readiness",
      "Data readyness",
      "data_readiness",
    ]);
    expect(outcome).toEqual({
      success: false,
      problems: [
        {
          index: 1,
          message:
            'expected a criterion id or label of model cx-ai-prism, received "Data readyness" (did you mean data_readiness, "Data readiness"?)',
        },
        {
          index: 2,
          message:
            'expected each criterion once, received data_readiness again (as "data_readiness"; first as "Data readiness")',
        },
      ],
    });
  });
});
