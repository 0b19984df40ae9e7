import { describe, expect, it } from "vitest";
import { contrastingInk, matrixTheme, OKABE_ITO } from "./theme.js";

describe("contrastingInk", () => {
  it.each([
    ["#000000", "#FFFFFF"],
    ["#FFFFFF", "#000000"],
    ["#F0E442", "#000000"], // Okabe-Ito yellow
    ["#0072B2", "#FFFFFF"], // Okabe-Ito blue
  ])("%s -> %s", (colour, expected) => {
    expect(contrastingInk(colour)).toBe(expected);
  });
});

describe("matrixTheme", () => {
  it("uses the Okabe-Ito colours in both themes, with white for black on dark", () => {
    expect(matrixTheme("light").palette).toEqual(OKABE_ITO);
    expect(matrixTheme("dark").palette.slice(0, 7)).toEqual(OKABE_ITO.slice(0, 7));
    expect(matrixTheme("dark").palette[7]).toBe("#FFFFFF");
    expect(matrixTheme().name).toBe("light");
  });
});
