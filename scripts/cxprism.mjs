// `pnpm cxprism ...` runs this from the repository root, wherever the user typed it. pnpm (like npm) sets
// INIT_CWD to the directory the user stood in: moving there first makes every relative path (input files,
// --out, init's folder) mean what it means in the user's shell, as it does for an installed `cxprism`.
import { chdir, env } from "node:process";

if (env.INIT_CWD !== undefined && env.INIT_CWD !== "") chdir(env.INIT_CWD);
await import("../packages/cli/dist/main.js");
