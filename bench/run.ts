/** Runs every benchmark in bench/ in turn (pnpm bench). Each prints its own figures. */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

const here = new URL("./", import.meta.url);
// Support modules, not benchmarks: this runner, shared helpers (lib*.ts), and servers other benchmarks start.
const isSupport = (name: string) =>
  name === "run.ts" || name.startsWith("lib") || name.endsWith("-server.ts");
const only = process.argv.slice(2);
for (const file of readdirSync(here)
  .filter((name) => name.endsWith(".ts") && !isSupport(name))
  .sort()) {
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue;
  console.log(`\n== ${file}`);
  execFileSync(
    process.execPath,
    ["--import", "tsx", "--conditions=@cxprism/source", new URL(file, here).pathname],
    { stdio: "inherit" },
  );
}
