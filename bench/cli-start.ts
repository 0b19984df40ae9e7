/**
 * How fast does the built CLI start? Times, in the same run and interleaved so that a busy machine slows all
 * of them alike:
 *   - baseline: `node -e 0`, a Node process that does nothing;
 *   - `cxprism --version`;
 *   - `cxprism score examples/contact-center.csv --format json`.
 *
 *   npx tsx bench/cli-start.ts [--runs 15]      (build first: `pnpm build`)
 *
 * Prints each command's median wall time and CPU time (user + system, from process.resourceUsage() at exit
 * through a preloaded module) and the ratios to the baseline; goal <= 3x. The CPU ratio is the steadier one on
 * a shared machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const GOAL = 3;
const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const runs = Number(values.runs);
const root = new URL("../", import.meta.url).pathname;
const cli = join(root, "packages/cli/dist/main.js");

const dir = mkdtempSync(join(tmpdir(), "cxprism-cli-start-"));
const usageFile = join(dir, "usage.json");
const preload = join(dir, "report-usage.mjs");
writeFileSync(
  preload,
  `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ user: u.userCPUTime, system: u.systemCPUTime })); });\n`,
);

const COMMANDS: readonly (readonly [label: string, args: readonly string[]])[] = [
  ["node -e 0 (baseline)", ["-e", "0"]],
  ["cxprism --version", [cli, "--version"]],
  ["cxprism score ... --format json", [cli, "score", "examples/contact-center.csv", "--format", "json"]],
];

/** One run: wall and CPU milliseconds. */
function time(args: readonly string[]): { wall: number; cpu: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, [`--import=${preload}`, ...args], { cwd: root, stdio: "ignore" });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited ${child.status}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { user: number; system: number };
  return { wall, cpu: (usage.user + usage.system) / 1000 };
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

try {
  const times = COMMANDS.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (const [, args] of COMMANDS) time(args); // warm the file cache
  for (let run = 0; run < runs; run++)
    COMMANDS.forEach(([, args], index) => {
      const { wall, cpu } = time(args);
      times[index]!.wall.push(wall);
      times[index]!.cpu.push(cpu);
    });
  const baseline = { wall: median(times[0]!.wall), cpu: median(times[0]!.cpu) };
  console.log(`median of ${runs} interleaved runs each`);
  COMMANDS.forEach(([label], index) => {
    const wall = median(times[index]!.wall);
    const cpu = median(times[index]!.cpu);
    const ratio = wall / baseline.wall;
    const verdict = index === 0 ? "" : `  [goal <= ${GOAL}x: ${ratio <= GOAL ? "met" : "NOT met"}]`;
    console.log(
      `${label.padEnd(34)} ${wall.toFixed(0).padStart(6)} ms wall ${ratio.toFixed(2).padStart(6)}x  ${cpu.toFixed(0).padStart(6)} ms CPU ${(cpu / baseline.cpu).toFixed(2).padStart(6)}x${verdict}`,
    );
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
