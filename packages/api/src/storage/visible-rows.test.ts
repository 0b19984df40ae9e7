import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { previousOf, visibleForm, visibleRows } from "./visible-rows.js";

type Item = Record<string, AttributeValue>;

const S = (value: string): AttributeValue => ({ S: value });
const portfolio = (pending: string[] = [], aborting: string[] = []): Item => ({
  ...(pending.length > 0 ? { pendingImports: { SS: pending } } : {}),
  ...(aborting.length > 0 ? { abortingImports: { SS: aborting } } : {}),
});
const old: Item = { pk: S("p"), sk: S("RATING#a#x"), ratings: S("2"), importId: S("w0") };
const replacing: Item = { ...old, ratings: S("5"), importId: S("w1"), previous: previousOf(old, new Set())! };
const added: Item = { pk: S("p"), sk: S("RATING#b#x"), ratings: S("4"), importId: S("w1") };
const removal: Item = {
  pk: S("p"),
  sk: S("RATING#a#x"),
  importId: S("w2"),
  removed: { BOOL: true },
  previous: previousOf(old, new Set())!,
};
const plain: Item = { pk: S("p"), sk: S("INIT#a"), data: S("{}") };

describe("visibleRows", () => {
  it.each([
    ["a row of no atomic write", [plain], portfolio(), undefined, [plain]],
    ["a write that has shown", [replacing, added], portfolio(), undefined, [replacing, added]],
    [
      "a pending write: the row it replaced, nothing for a new key",
      [replacing, added],
      portfolio(["w1"]),
      undefined,
      [old],
    ],
    ["a write rolling back reads the same", [replacing, added], portfolio([], ["w1"]), undefined, [old]],
    [
      "pending before the read, shown after it: read as before it",
      [replacing, added],
      portfolio(),
      portfolio(["w1"]),
      [old],
    ],
    ["a removal that has shown: nothing", [removal], portfolio(), undefined, []],
    ["a pending removal: the row it removes", [removal], portfolio(["w2"]), undefined, [old]],
  ])("%s", (_name, rows, after, before, expected) => {
    expect(visibleRows(rows, after, before)).toEqual(expected);
  });
});

describe("previousOf", () => {
  it("keeps what readers see now, without its key or its own previous", () => {
    expect(previousOf(undefined, new Set())).toBeUndefined();
    expect(previousOf(replacing, new Set())).toEqual({
      M: { ratings: S("5"), importId: S("w1") },
    });
    // A row whose write is still hidden keeps that write's previous, so a chain never grows.
    expect(previousOf(replacing, new Set(["w1"]))).toEqual({ M: { ratings: S("2"), importId: S("w0") } });
    expect(previousOf(removal, new Set())).toBeUndefined();
  });

  it("reads a row as itself, as what it replaced, or as nothing", () => {
    expect(visibleForm(replacing, new Set(["w1"]))).toEqual(old);
    expect(visibleForm(added, new Set(["w1"]))).toBeUndefined();
    expect(visibleForm(added, new Set())).toBe(added);
  });
});
