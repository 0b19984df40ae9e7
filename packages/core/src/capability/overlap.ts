import { capabilityKey, type Inventory } from "./inventory.js";

/** One capability an initiative would bring that some application already provides. */
export interface CoveredCapability {
  readonly capability: string;
  /** The applications that already provide it, in inventory order. */
  readonly apps: readonly string[];
}

/** How much of what an initiative would bring the organisation already owns. */
export interface InitiativeOverlap {
  readonly id: string;
  readonly covered: readonly CoveredCapability[];
  /** Capabilities no application provides yet. */
  readonly uncovered: readonly string[];
  /** Covered capabilities / stated capabilities (0 when it states none). */
  readonly share: number;
  /** `already covered by X - consolidate before buying` (or `partly covered by ...`), when any is covered. */
  readonly message: string | null;
  /** 1 - valueDiscount x share: what the initiative's value is multiplied by when planning. */
  readonly valueFactor: number;
}

/**
 * Flags initiatives whose capabilities the organisation already has. Capabilities match by
 * {@link capabilityKey} (case and punctuation ignored).
 *
 * @param initiatives - each with its `id` and `capabilities`
 * @param inventory - the applications in use
 * @param valueDiscount - in [0, 1]: how much of the value a fully covered initiative loses (default 0: flag only)
 * @returns one overlap per initiative, in input order
 * @example
 * capabilityOverlap([{ id: "kb", capabilities: ["knowledge search"] }],
 *   [{ name: "Confluence", capabilities: ["Knowledge search"] }])[0].message
 * // "already covered by Confluence - consolidate before buying"
 */
export function capabilityOverlap(
  initiatives: readonly { readonly id: string; readonly capabilities: readonly string[] }[],
  inventory: Inventory,
  valueDiscount = 0,
): InitiativeOverlap[] {
  const providers = providersByCapability(inventory);
  return initiatives.map((initiative) => {
    const covered: CoveredCapability[] = [];
    const uncovered: string[] = [];
    const seen = new Set<string>();
    for (const capability of initiative.capabilities) {
      const key = capabilityKey(capability);
      if (seen.has(key)) continue;
      seen.add(key);
      const apps = providers.get(key);
      if (apps === undefined) uncovered.push(capability);
      else covered.push({ capability, apps });
    }
    const total = covered.length + uncovered.length;
    const share = total === 0 ? 0 : covered.length / total;
    const apps = [...new Set(covered.flatMap((entry) => entry.apps))];
    const message =
      covered.length === 0
        ? null
        : uncovered.length === 0
          ? `already covered by ${apps.join(", ")} - consolidate before buying`
          : `partly covered by ${apps.join(", ")} (${covered.length} of ${total} capabilities) - consolidate before buying`;
    return { id: initiative.id, covered, uncovered, share, message, valueFactor: 1 - valueDiscount * share };
  });
}

/** The right-sizing view of an application inventory. */
export interface CapabilityReport {
  /** How many applications are in use. */
  readonly appsInUse: number;
  /** How many would provide every capability in use (see {@link capabilityReport} for how it is found). */
  readonly appsNeeded: number;
  /** The applications that together provide every capability, in the order they were chosen. */
  readonly keep: readonly string[];
  /** The other applications: everything they provide is provided by `keep`. */
  readonly retire: readonly string[];
  /** Capabilities provided by more than one application, most duplicated first. */
  readonly duplicates: readonly CoveredCapability[];
}

/**
 * Reports duplicate capabilities across applications and how many applications would do. The set to keep is
 * chosen greedily (repeatedly the application that adds the most capabilities not yet provided; ties by
 * inventory order), the classic set-cover heuristic: `appsNeeded` is an upper bound within a factor ln(n) of
 * the true minimum, and usually equal to it on inventories of a few dozen applications.
 *
 * @param inventory - the applications in use
 * @returns apps in use vs apps needed, what to keep and retire, and the duplicated capabilities
 */
export function capabilityReport(inventory: Inventory): CapabilityReport {
  const providers = providersByCapability(inventory);
  const names = new Map<string, string>();
  for (const app of inventory)
    for (const capability of app.capabilities) {
      const key = capabilityKey(capability);
      if (!names.has(key)) names.set(key, capability);
    }
  const keys = inventory.map((app) => new Set(app.capabilities.map(capabilityKey)));
  const missing = new Set(providers.keys());
  const keep: number[] = [];
  while (missing.size > 0) {
    let best = -1;
    let bestGain = 0;
    keys.forEach((set, index) => {
      let gain = 0;
      for (const key of set) if (missing.has(key)) gain++;
      if (gain > bestGain) {
        best = index;
        bestGain = gain;
      }
    });
    keep.push(best);
    for (const key of keys[best]!) missing.delete(key);
  }
  const duplicates = [...providers.entries()]
    .filter(([, apps]) => apps.length > 1)
    .map(([key, apps]) => ({ capability: names.get(key)!, apps }))
    .sort((a, b) => b.apps.length - a.apps.length);
  const kept = new Set(keep);
  return {
    appsInUse: inventory.length,
    appsNeeded: keep.length,
    keep: keep.map((index) => inventory[index]!.name),
    retire: inventory.filter((_, index) => !kept.has(index)).map((app) => app.name),
    duplicates,
  };
}

function providersByCapability(inventory: Inventory): Map<string, string[]> {
  const providers = new Map<string, string[]>();
  for (const app of inventory) {
    for (const capability of app.capabilities) {
      const key = capabilityKey(capability);
      const apps = providers.get(key) ?? [];
      if (!apps.includes(app.name)) apps.push(app.name);
      providers.set(key, apps);
    }
  }
  return providers;
}
