/**
 * Where a profiled bench server's time went, per answered request: reads the `.cpuprofile` files Node wrote
 * with `--cpu-prof`, keeps the samples taken while the load ran, and adds each sample's time to the first
 * part of the work found on its stack, leaf first (JSON.parse of the body, validation, scoring, Result
 * objects, JSON.stringify of the answer, the socket write...). Start-up and warm-up fall outside the window.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The subset of Node's `.cpuprofile` format read here. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }[];
  /** Microseconds on the monotonic clock that `process.hrtime` reads too. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface Frame {
  readonly functionName: string;
  readonly url: string;
}

/** The parts, checked in this order against each frame from the leaf up; the first match takes the sample. */
const PARTS: readonly { readonly name: string; readonly matches: (frame: Frame) => boolean }[] = [
  { name: "garbage collection", matches: (f) => f.functionName === "(garbage collector)" },
  { name: "idle (waiting for requests)", matches: (f) => f.functionName === "(idle)" },
  { name: "JSON.parse of the body", matches: (f) => f.functionName === "parseJsonBody" },
  { name: "reading the body", matches: (f) => /^readBody(Bytes|Text)$/.test(f.functionName) },
  {
    name: "building Result objects",
    matches: (f) => f.functionName === "resultOf" || f.functionName === "contributionRecord",
  },
  { name: "scoring (scoreColumns)", matches: (f) => f.url.includes("/core/src/pipeline/") },
  { name: "validation (core)", matches: (f) => f.url.includes("/core/src/validate/") },
  {
    name: "JSON.stringify of the answer",
    matches: (f) => f.functionName === "json" && f.url.endsWith("/hono/dist/context.js"),
  },
  { name: "DynamoDB client (AWS SDK)", matches: (f) => /\/node_modules\/(@aws-sdk|@smithy)\//.test(f.url) },
  {
    name: "embedded store (dynalite)",
    matches: (f) => /\/node_modules\/(dynalite|level[^/]*|memdown)\//.test(f.url),
  },
  { name: "socket write", matches: (f) => /^(writev|writevGeneric|writeGeneric)$/.test(f.functionName) },
];
const OTHER = "everything else (HTTP parsing, routing, headers, V8)";

/** Microseconds on the clock the profiles use, for {@link summariseProfiles}'s window. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Time per request by part of the work, from the profiles in `dir`: the busiest profile in the window is the
 * server's main thread (the others are helper threads).
 *
 * @param dir - where the server wrote its `.cpuprofile` files
 * @param window - the load's start and end, from {@link monotonicUs}
 * @param requests - how many requests were answered in the window
 * @returns printable lines, largest part first
 */
export function summariseProfiles(
  dir: string,
  window: { readonly startUs: number; readonly endUs: number },
  requests: number,
): string[] {
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => partTimes(JSON.parse(readFileSync(join(dir, name), "utf8")) as CpuProfile, window));
  const main = profiles.reduce((busiest, parts) =>
    busy(parts.times) > busy(busiest.times) ? parts : busiest,
  );
  const total = [...main.times.values()].reduce((sum, us) => sum + us, 0);
  const line = (name: string, us: number, indent: string) =>
    `${indent}${(us / requests).toFixed(1).padStart(7)} us/request  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`;
  const largestFirst = (map: ReadonlyMap<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return [
    ...largestFirst(main.times).map(([name, us]) => line(name, us, "  ")),
    `  of which, in ${OTHER.split(" (")[0]}, the functions taking most time themselves:`,
    ...largestFirst(main.otherLeaves)
      .slice(0, OTHER_LEAVES_SHOWN)
      .map(([name, us]) => line(name, us, "    ")),
  ];
}

/** How many of the "everything else" part's own-time functions are listed. */
const OTHER_LEAVES_SHOWN = 10;

function busy(times: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [name, us] of times) if (!name.startsWith("idle")) sum += us;
  return sum;
}

/** Microseconds per part of one profile's samples inside the window. */
function partTimes(
  profile: CpuProfile,
  window: { readonly startUs: number; readonly endUs: number },
): { readonly times: Map<string, number>; readonly otherLeaves: Map<string, number> } {
  const frames = new Map<number, Frame>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    frames.set(node.id, node.callFrame);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const partOfNode = new Map<number, string>();
  const partOf = (id: number): string => {
    const known = partOfNode.get(id);
    if (known !== undefined) return known;
    const frame = frames.get(id)!;
    const up = parent.get(id);
    const part =
      PARTS.find((candidate) => candidate.matches(frame))?.name ?? (up === undefined ? OTHER : partOf(up));
    partOfNode.set(id, part);
    return part;
  };
  const times = new Map<string, number>();
  const otherLeaves = new Map<string, number>();
  // timeDeltas[k] is the time from sample k - 1 to sample k: a sample lasts until the next one.
  let at = profile.startTime;
  profile.samples.forEach((id, k) => {
    at += profile.timeDeltas[k] ?? 0;
    const lasted = profile.timeDeltas[k + 1] ?? 0;
    if (at < window.startUs || at > window.endUs) return;
    const part = partOf(id);
    times.set(part, (times.get(part) ?? 0) + lasted);
    if (part !== OTHER) return;
    const leaf = frames.get(id)!;
    const name = `${leaf.functionName || "(anonymous)"} ${leaf.url.split("/").slice(-2).join("/")}`;
    otherLeaves.set(name, (otherLeaves.get(name) ?? 0) + lasted);
  });
  return { times, otherLeaves };
}
