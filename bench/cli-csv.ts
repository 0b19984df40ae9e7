/**
 * How fast does `cxprism score --format csv` read, validate, score and write a large CSV, compared with the
 * CSV parser alone reading the same file? And how much memory does it take?
 *
 *   npx tsx --conditions=@cxprism/source bench/cli-csv.ts [--rows 1000000] [--runs 1]
 *
 * Generates a deterministic CSV (seeded; default 1,000,000 rows, the default model's 11 criteria plus id,
 * name, category and kpis) into a temporary directory, then, in the same run, times:
 *   - baseline: a Node process that streams the file through csv-parse (the options the CLI used with it, and
 *     whose records the CLI's own parser is tested to match) and counts the records;
 *   - the CLI's own parser alone (`packages/cli/src/csv/csv-records.ts`, built), streaming the same file;
 *   - cxprism: `node packages/cli/dist/main.js score FILE --format csv > /dev/null` (build first: `pnpm build`).
 * Prints both times, their ratio (goal <= 1.5x) and the CLI's peak RSS (goal <= 1 GiB), measured by the
 * process itself (process.resourceUsage().maxRSS, reported at exit through a preloaded module).
 *
 * Wall time is printed with CPU time (user + system, from process.resourceUsage() at exit): the machine may be
 * shared, and CPU time says what the work costs whatever else runs.
 *
 * Then, to show where the time goes, runs the same steps in this process, each timed on its own and printed
 * as a ratio to csv-parse alone (also in this process): the CLI's reader (its parser + rows to columns), the
 * core's validateColumns and scoreColumns, and the CSV rendering straight from the score columns.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultModel } from "@cxprism/core";
import { scoreColumns, validateColumns } from "@cxprism/core/table";
import { parse } from "csv-parse";
import { readPortfolioCsv } from "../packages/cli/src/csv/read-csv.js";
import { renderScoredCsv } from "../packages/cli/src/render/results-data.js";
import { createRandom } from "./lib.js";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "1" } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const root = new URL("..", import.meta.url).pathname;
const cli = join(root, "packages/cli/dist/main.js");
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);

async function generate(file: string, count: number): Promise<void> {
  const random = createRandom(20261122);
  const criteria = defaultModel.criteria.map((criterion) => criterion.id);
  const categories = ["self-service", "agent assist", "routing & workforce", "analytics & insight"];
  const kpis = ["aht|fcr", "csat", "containment|call_volume|ces", ""];
  const out = createWriteStream(file);
  let text = `id,name,category,kpis,${criteria.join(",")}\n`;
  for (let i = 1; i <= count; i++) {
    let line = `i${i},Initiative ${i},${categories[i % 4]},${kpis[(i >> 2) % 4]}`;
    for (let c = 0; c < criteria.length; c++) line += `,${1 + Math.floor(random() * 5)}`;
    text += `${line}\n`;
    if (i % 10_000 === 0 || i === count) {
      if (!out.write(text)) await once(out, "drain");
      text = "";
    }
  }
  out.end();
  await once(out, "finish");
}

const BASELINE = `
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
const parser = parse({ delimiter: ",", bom: true, relax_column_count: true, relax_quotes: true });
let records = 0;
parser.on("data", () => { records++; });
createReadStream(process.argv[1], { highWaterMark: 1024 * 1024 }).pipe(parser);
parser.on("end", () => { if (records < 2) process.exit(1); });
`;

/** The CLI's own CSV parser alone (its built file), streaming the same file the way the CLI does. */
const OWN_PARSER = `
import { createReadStream } from "node:fs";
import { createCsvRecordParser } from ${JSON.stringify(join(root, "packages/cli/dist/csv/csv-records.js"))};
let records = 0;
const parser = createCsvRecordParser(",", () => { records++; });
const decoder = new TextDecoder("utf-8");
for await (const chunk of createReadStream(process.argv[1], { highWaterMark: 1024 * 1024 }))
  parser.push(decoder.decode(chunk, { stream: true }));
parser.push(decoder.decode());
if (parser.end() !== undefined || records < 2) process.exit(1);
`;

/** One child run: wall time, and the CPU time and peak RSS the child reported at exit. */
interface Run {
  readonly wall: number;
  /** User + system CPU seconds: on a shared machine, steadier than wall time. */
  readonly cpu: number;
  readonly rssMiB: number;
}

function time(args: string[], cwd: string, stdout: number | "ignore", usageFile: string): Run {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", stdout, "inherit"] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${child.status}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as {
    maxRSS: number;
    user: number;
    system: number;
  };
  return { wall, cpu: (usage.user + usage.system) / 1e6, rssMiB: usage.maxRSS / 1024 };
}

/** Times each step of `score --format csv` in this process, as ratios to csv-parse alone. */
async function phases(file: string): Promise<void> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const parser = parse({ delimiter: ",", bom: true, relax_column_count: true, relax_quotes: true });
    parser.on("data", () => {});
    parser.on("end", resolve);
    parser.on("error", reject);
    createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(parser);
  });
  const parseOnly = performance.now() - start;
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - t;
    t = now;
    return elapsed;
  };
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const read = await readPortfolioCsv({ file, stream }, { model: defaultModel, missing: "error" });
  if (!read.success || read.read.kind !== "columns") throw new Error("the generated file has problems");
  const readTime = lap();
  const validation = validateColumns(read.read.columns, { model: defaultModel, missing: "error" });
  if (!validation.success) throw new Error("the generated file does not validate");
  const validateTime = lap();
  const columns = scoreColumns(validation.portfolio);
  const scoreTime = lap();
  const portfolio = validation.portfolio;
  const rows = {
    portfolio,
    id: (i: number) => portfolio.ids[i]!,
    name: (i: number) => portfolio.names[i]!,
    category: (i: number) => portfolio.categories[i]!,
    extra: () => undefined,
    cost: () => undefined,
  };
  let length = 0;
  for (const chunk of renderScoredCsv(rows, columns, columns.order, [])) length += chunk.length;
  const renderTime = lap();
  const row = (label: string, ms: number) =>
    console.log(
      `  ${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(ms / parseOnly).toFixed(2)}x`,
    );
  console.log(
    `in-process steps, as a ratio to csv-parse alone (${(length / 1048576).toFixed(0)} MiB of CSV out):`,
  );
  row("csv-parse alone", parseOnly);
  row("cli: read (parse + rows -> columns)", readTime);
  row("core: validateColumns", validateTime);
  row("core: scoreColumns", scoreTime);
  row("cli: render CSV", renderTime);
}

const dir = mkdtempSync(join(tmpdir(), "cxprism-bench-"));
try {
  const file = join(dir, "portfolio.csv");
  await generate(file, rows);
  const usageFile = join(dir, "usage.json");
  const preload = join(dir, "report-usage.mjs");
  writeFileSync(
    preload,
    `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime })); });\n`,
  );
  const devNull = openSync("/dev/null", "w");
  const baseline: Run[] = [];
  const ownParser: Run[] = [];
  const cxprism: Run[] = [];
  for (let run = 0; run < runs; run++) {
    baseline.push(
      time(
        [`--import=${preload}`, "--input-type=module", "-e", BASELINE, file],
        join(root, "packages/cli"),
        "ignore",
        usageFile,
      ),
    );
    ownParser.push(
      time([`--import=${preload}`, "--input-type=module", "-e", OWN_PARSER, file], root, "ignore", usageFile),
    );
    cxprism.push(
      time([`--import=${preload}`, cli, "score", file, "--format", "csv"], root, devNull, usageFile),
    );
  }
  const best = (list: Run[], key: "wall" | "cpu" | "rssMiB") =>
    list.reduce((low, run) => Math.min(low, run[key]), Number.POSITIVE_INFINITY);
  const mib = statSync(file).size / 1024 / 1024;
  const line = (label: string, list: Run[]) =>
    console.log(
      `  ${label.padEnd(22)} ${best(list, "wall").toFixed(2)} s wall, ${best(list, "cpu").toFixed(2)} s CPU, ${best(list, "rssMiB").toFixed(0)} MiB peak RSS`,
    );
  console.log(`cli-csv: ${rows.toLocaleString("en-US")} rows, ${mib.toFixed(0)} MiB, best of ${runs}`);
  line("csv-parse alone", baseline);
  line("cxprism's parser alone", ownParser);
  line("cxprism score --csv", cxprism);
  console.log(
    `  ratio                  ${(best(cxprism, "wall") / best(baseline, "wall")).toFixed(2)}x wall, ${(best(cxprism, "cpu") / best(baseline, "cpu")).toFixed(2)}x CPU (goal <= 1.5x)`,
  );
  console.log(
    `  cxprism's parser alone ${(best(ownParser, "wall") / best(baseline, "wall")).toFixed(2)}x wall, ${(best(ownParser, "cpu") / best(baseline, "cpu")).toFixed(2)}x CPU of csv-parse alone`,
  );
  console.log(`  cxprism peak RSS       ${best(cxprism, "rssMiB").toFixed(0)} MiB (goal <= 1024 MiB)`);
  await phases(file);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
