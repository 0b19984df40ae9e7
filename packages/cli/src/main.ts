#!/usr/bin/env node
import { cwd, env, exit, stderr, stdin, stdout } from "node:process";
import { runMain } from "./run-main.js";

// A reader that goes away early (`cxprism score big.csv | head`) is not an error.
stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") exit(0);
  throw error;
});

const code = await runMain(process.argv.slice(2), { stdin, stdout, stderr, env, cwd: cwd() });
process.exitCode = code;
