import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ahpWeights } from "./ahp.js";
import { rankWeights } from "./rank-weights.js";
import { AhpOptionsSchema, PairwiseMatrixSchema, RankWeightsRequestSchema } from "./schema.js";

describe("request schemas", () => {
  it("accept a pairwise matrix with missing judgments and feed ahpWeights", () => {
    const matrix = v.parse(PairwiseMatrixSchema, {
      ids: ["a", "b", "c"],
      values: [
        [1, 3, null],
        [null, 1, 2],
        [null, null, 1],
      ],
    });
    const options = v.parse(AhpOptionsSchema, {
      method: "geometric-mean",
      randomIndex: "alonso-lamata-2006",
    });
    expect(ahpWeights(matrix, options).randomIndexTable).toBe("alonso-lamata-2006");
  });

  it.each([
    [PairwiseMatrixSchema, { ids: [], values: [] }],
    [PairwiseMatrixSchema, { ids: ["a"], values: [["1"]] }],
    [AhpOptionsSchema, { randomIndex: "noble" }],
    [AhpOptionsSchema, { method: "power" }],
    [RankWeightsRequestSchema, { ranking: [] }],
    [RankWeightsRequestSchema, { ranking: ["a", []] }],
  ])("reject malformed requests (%#)", (schema, input) => {
    expect(v.safeParse(schema, input).success).toBe(false);
  });

  it("accept a ranking with ties and feed rankWeights", () => {
    const request = v.parse(RankWeightsRequestSchema, { ranking: ["a", ["b", "c"]], method: "rank-sum" });
    expect(Object.keys(rankWeights(request.ranking, request.method))).toEqual(["a", "b", "c"]);
  });
});
