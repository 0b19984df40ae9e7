import { describe, expect, it } from "vitest";
import { pickRater, raterIdOf } from "./rater-id.js";
import { labelsByRater } from "./rater-label.js";
import type { Invite } from "./types.js";

let made = 0;
const rater = (id: string, label: string, revoked = false): Invite => ({
  id: `invite-${++made}`,
  role: "rater",
  rater: id,
  label,
  ...(revoked ? { revokedAt: "2026-12-01T09:00:00.000Z" } : {}),
});
const viewer: Invite = { id: "viewer", role: "viewer", label: "Viewer" };

describe("raterIdOf", () => {
  it.each([
    ["Sam", "sam"],
    ["  Ann-Marie O'Neil ", "ann-marie-o-neil"],
    ["ليلى", "ليلى"],
    ["Sam (2)", "sam-2"],
    ["!!!", ""],
  ])("%j -> %j", (name, id) => expect(raterIdOf(name)).toBe(id));
});

describe("pickRater", () => {
  it("gives a first person the id of their name", () => {
    expect(pickRater(" Sam ", [viewer], [])).toEqual({ rater: "sam", label: "Sam" });
  });

  it("gives a second and third Sam their own ids and labels that tell them apart", () => {
    const first = rater("sam", "Sam");
    expect(pickRater("Sam", [first], [])).toEqual({ rater: "sam-2", label: "Sam (2)" });
    expect(pickRater("sam", [first, rater("sam-2", "Sam (2)")], [])).toEqual({
      rater: "sam-3",
      label: "sam (3)",
    });
  });

  it("never gives the id import, which holds the ratings that came with an import", () => {
    expect(pickRater("Import", [], [])).toEqual({ rater: "import-2", label: "Import" });
    expect(pickRater("Import", [], ["import"])).toEqual({ rater: "import-2", label: "Import" });
    expect(pickRater("IMPORT", [rater("import-2", "Import")], [])).toEqual({
      rater: "import-3",
      label: "IMPORT (3)",
    });
  });

  it("avoids raters whose ratings came without an invite (an import's ?rater= names), in any case", () => {
    expect(pickRater("Sam", [], ["Sam"])).toEqual({ rater: "sam-2", label: "Sam (2)" });
    expect(pickRater("Sam", [], ["sam", "sam-2"])).toEqual({ rater: "sam-3", label: "Sam (3)" });
  });

  it("reuses an id held only by revoked invites, so a re-invited person continues their ratings", () => {
    const revoked = rater("sam", "Sam", true);
    expect(pickRater("Sam", [revoked], ["sam"])).toEqual({ rater: "sam", label: "Sam" });
    // The first Sam's old link was revoked and re-issued: the second Sam still gets their own id.
    expect(pickRater("Sam", [revoked, rater("sam", "Sam")], ["sam"])).toEqual({
      rater: "sam-2",
      label: "Sam (2)",
    });
    // A revoked second Sam comes back as the second Sam.
    expect(pickRater("Sam", [rater("sam", "Sam"), rater("sam-2", "Sam (2)", true)], ["sam-2"])).toEqual({
      rater: "sam-2",
      label: "Sam (2)",
    });
  });

  it("answers nothing for a name without a letter or digit", () => {
    expect(pickRater(" -- ", [], [])).toBeUndefined();
  });
});

describe("labelsByRater", () => {
  it("reads each invited rater id as its active invite's label, else its newest", () => {
    const labels = labelsByRater([
      rater("sam", "Sam (old link)", true),
      rater("sam", "Sam"),
      rater("sam", "Sam (revoked again)", true),
      rater("ann", "Ann", true),
      rater("ann", "Ann Lee", true),
      viewer,
    ]);
    expect([...labels].sort()).toEqual([
      ["ann", "Ann Lee"],
      ["sam", "Sam"],
    ]);
  });
});
