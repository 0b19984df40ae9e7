/**
 * A number for SVG output: rounded to `decimals` places, trailing zeros dropped, never `-0`. Rounding keeps
 * the output small and byte-identical across runtimes whose last floating-point digits could differ.
 *
 * @param n - the number
 * @param decimals - places to keep (default 2)
 * @returns its shortest decimal text
 * @example
 * formatNumber(12.3456); // "12.35"
 */
export function formatNumber(n: number, decimals = 2): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(n * factor) / factor;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/**
 * A number for people, compact and independent of the runtime's locale data: `950`, `1.2k`, `25k`, `3.4M`.
 *
 * @param n - the number
 * @returns at most three significant digits with a k, M or B suffix
 */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  const units: readonly [number, string][] = [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${trimDigits(n / size)}${suffix}`;
  }
  return trimDigits(n);
}

function trimDigits(n: number): string {
  const abs = Math.abs(n);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return formatNumber(n, decimals);
}

/**
 * A round number at or below `n` with one significant digit of 1, 2 or 5 (`730` gives `500`), for size
 * legends.
 *
 * @param n - a positive number
 * @returns the round number, or `n` itself when not positive and finite
 */
export function roundDownNice(n: number): number {
  if (!(n > 0) || !Number.isFinite(n)) return n;
  const power = 10 ** Math.floor(Math.log10(n));
  const lead = n / power;
  const step = lead >= 5 ? 5 : lead >= 2 ? 2 : 1;
  return step * power;
}
