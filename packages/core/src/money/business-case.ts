/** The discount rate and horizon a business case is computed at. */
export interface MoneyOptions {
  /** Yearly discount rate as a fraction, e.g. `0.08` for 8 %. */
  readonly discountRate: number;
  /** How many years of running cost and benefit count, e.g. `3`. */
  readonly horizonYears: number;
}

/** The defaults when a caller states none: 8 % a year over 3 years. */
export const DEFAULT_MONEY_OPTIONS: MoneyOptions = { discountRate: 0.08, horizonYears: 3 };

/** An initiative's money, all in one currency: one-off cost, yearly running cost and yearly benefit. */
export interface CashFlows {
  readonly cost?: number | undefined;
  readonly runCost?: number | undefined;
  readonly benefit?: number | undefined;
}

/** The business case of one initiative. */
export interface BusinessCase {
  /** Yearly benefit minus yearly running cost. */
  readonly netPerYear: number;
  /**
   * Months until the net benefit repays the one-off cost: `12 * cost / netPerYear`, undiscounted, the net
   * benefit accruing evenly through the year. `0` with no one-off cost; `null` when the net benefit per year
   * is not positive (it never pays back).
   */
  readonly paybackMonths: number | null;
  /**
   * Return on investment over the horizon, undiscounted: (total benefit - total cost) / total cost, where
   * total cost = one-off cost + running cost x years. `null` when total cost is 0.
   */
  readonly roi: number | null;
  /**
   * Net present value: -cost at the start (year 0) plus the net benefit of each year 1..horizon discounted
   * as an end-of-year cash flow, netPerYear / (1 + rate)^t.
   */
  readonly npv: number;
  readonly discountRate: number;
  readonly horizonYears: number;
}

/**
 * Computes payback, ROI and NPV for one initiative. Conventions: the one-off `cost` falls at year 0; running
 * cost and benefit are yearly, constant, and fall at the end of each year 1..horizon for the NPV; payback
 * and ROI are undiscounted (payback assumes the yearly net accrues evenly, month by month). Missing amounts
 * count as 0.
 *
 * @param flows - `cost`, `runCost`, `benefit`
 * @param options - discount rate and horizon in whole years
 * @returns the business case
 * @example
 * businessCase({ cost: 100_000, runCost: 20_000, benefit: 70_000 }, { discountRate: 0.1, horizonYears: 3 })
 * // { netPerYear: 50_000, paybackMonths: 24, roi: 0.3125, npv: 24_342.6..., ... }
 */
export function businessCase(flows: CashFlows, options: MoneyOptions = DEFAULT_MONEY_OPTIONS): BusinessCase {
  const cost = flows.cost ?? 0;
  const runCost = flows.runCost ?? 0;
  const benefit = flows.benefit ?? 0;
  const { discountRate, horizonYears } = options;
  const netPerYear = benefit - runCost;
  const paybackMonths = cost === 0 ? 0 : netPerYear > 0 ? (12 * cost) / netPerYear : null;
  const totalCost = cost + runCost * horizonYears;
  const roi = totalCost > 0 ? (benefit * horizonYears - totalCost) / totalCost : null;
  let npv = -cost;
  for (let year = 1; year <= horizonYears; year++) npv += netPerYear / (1 + discountRate) ** year;
  return { netPerYear, paybackMonths, roi, npv, discountRate, horizonYears };
}

/**
 * Whether an initiative states any money at all: without `runCost` or `benefit` there is no business case
 * to show (a bare `cost` is a budget line, not a case).
 *
 * @param flows - the initiative's money
 * @returns true when `benefit` or `runCost` is given
 */
export function hasBusinessCase(flows: CashFlows): boolean {
  return flows.benefit !== undefined || flows.runCost !== undefined;
}
