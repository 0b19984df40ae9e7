import * as v from "valibot";
import { CxprismError, type Problem } from "../errors.js";
import { describeValue, issueToProblem } from "../validate/issues.js";
import { slugify } from "../validate/slug.js";

const NameSchema = v.pipe(v.string(), v.trim(), v.minLength(1, "a non-empty name"), v.maxLength(200));

/** One application the organisation already runs, and the capabilities it provides. */
export const ApplicationSchema = v.strictObject({
  name: NameSchema,
  capabilities: v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
    v.maxLength(200, "at most 200 capabilities"),
  ),
  /** Yearly running cost, in the plan's currency. */
  runCost: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
});

/** The application inventory: every application in use, names unique ignoring case. */
export const InventorySchema = v.pipe(
  v.array(ApplicationSchema),
  v.maxLength(1000, "at most 1000 applications"),
  v.check(
    (apps) => new Set(apps.map((app) => app.name.toLowerCase())).size === apps.length,
    "application names that differ ignoring case",
  ),
);

/** One application in use. */
export type Application = v.InferOutput<typeof ApplicationSchema>;
/** The application inventory. */
export type Inventory = v.InferOutput<typeof InventorySchema>;

/**
 * The key two capability names are compared by: `"Knowledge search"` and `"knowledge-search"` match.
 *
 * @param capability - a capability name
 * @returns its slug
 */
export function capabilityKey(capability: string): string {
  return slugify(capability);
}

/**
 * Checks an inventory given as JSON.
 *
 * @param input - unknown input, e.g. a parsed JSON body
 * @returns the inventory
 * @throws {@link CxprismError} `invalid-input` with every problem, paths starting at `inventory`
 */
export function parseInventory(input: unknown): Inventory {
  const result = v.safeParse(InventorySchema, input);
  if (result.success) return result.output;
  throw new CxprismError(
    "invalid-input",
    result.issues.map((issue) => issueToProblem(issue, ["inventory"])),
  );
}

/**
 * Builds an inventory from CSV rows (already split into records by header; reading the file is the faces'
 * job). Columns, matched ignoring case: `app` or `name` (required), `capabilities` (`;`- or `|`-separated)
 * or `capability` (one per row), `run_cost` (optional). Rows naming the same application merge (so a long
 * file with one capability per row works); its `run_cost` is taken from the first row that gives one.
 *
 * @param rows - one record per data row, keyed by header
 * @returns the inventory, applications in order of first appearance
 * @throws {@link CxprismError} `invalid-input`; paths are `["rows", index, column]` (index 0 = first data row)
 */
export function inventoryFromRows(rows: readonly Readonly<Record<string, string | undefined>>[]): Inventory {
  const problems: Problem[] = [];
  const apps = new Map<string, { name: string; capabilities: string[]; runCost?: number }>();
  rows.forEach((row, index) => {
    const cell = (...names: string[]) => {
      for (const [key, value] of Object.entries(row)) {
        if (names.includes(key.trim().toLowerCase())) return { key, value: value?.trim() ?? "" };
      }
      return undefined;
    };
    const name = cell("app", "name", "application");
    if (name === undefined || name.value === "") {
      problems.push({
        path: ["rows", index, name?.key ?? "app"],
        message: `expected an application name in column app or name, received ${describeValue(name?.value ?? undefined)}`,
      });
      return;
    }
    const list = cell("capabilities", "capability");
    const capabilities = (list?.value ?? "")
      .split(/[;|]/)
      .map((capability) => capability.trim())
      .filter((capability) => capability !== "");
    const key = name.value.toLowerCase();
    const app = apps.get(key) ?? { name: name.value, capabilities: [] };
    for (const capability of capabilities)
      if (!app.capabilities.includes(capability)) app.capabilities.push(capability);
    const runCost = cell("run_cost", "runcost");
    if (runCost !== undefined && runCost.value !== "" && app.runCost === undefined) {
      const amount = Number(runCost.value);
      if (Number.isFinite(amount) && amount >= 0) app.runCost = amount;
      else {
        problems.push({
          path: ["rows", index, runCost.key],
          message: `expected a yearly running cost of at least 0, received ${describeValue(runCost.value)}`,
        });
      }
    }
    apps.set(key, app);
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  return parseInventory([...apps.values()]);
}
