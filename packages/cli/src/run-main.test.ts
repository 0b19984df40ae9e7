import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CommandIo, defineCommand } from "./command.js";
import { COMMANDS, type CommandEntry, runMain } from "./run-main.js";

function createIo(): { io: CommandIo; out: () => string; err: () => string } {
  const capture = () => {
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
  };
  const stdout = capture();
  const stderr = capture();
  return {
    io: { stdin: new PassThrough(), stdout: stdout.stream, stderr: stderr.stream, env: {}, cwd: "/" },
    out: stdout.text,
    err: stderr.text,
  };
}

const failing = defineCommand({
  name: "explode",
  usage: "explode",
  description: "Throws an error no one expected.",
  options: {},
  positionals: { min: 0, max: 0 },
  examples: [["cxprism explode", "fail"]],
  async run() {
    throw new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
  },
});

const commands: CommandEntry[] = [{ name: "explode", summary: "fails", load: async () => failing }];

describe("runMain: unexpected errors", () => {
  it("prints one line and a hint to rerun with --debug, exit 70 (not 1, which means bad input)", async () => {
    const { io, err } = createIo();
    expect(await runMain(["explode"], io, commands)).toBe(70);
    expect(err()).toBe(
      "cxprism explode: unexpected error: Cannot read properties of undefined (reading 'x')\nrerun with --debug to see the stack trace\n",
    );
  });

  it("prints the stack with --debug", async () => {
    const { io, err } = createIo();
    expect(await runMain(["explode", "--debug"], io, commands)).toBe(70);
    expect(err()).toMatch(
      /^cxprism explode: unexpected error: .*\nTypeError: Cannot read properties[\s\S]*\n {4}at /,
    );
  });
});

describe("runMain: top level", () => {
  it.each([
    [["--help"], 0, "Usage: cxprism COMMAND"],
    [["help", "explode"], 0, "Usage: cxprism explode"],
    [["--version"], 0, "0.1.0"],
  ])("%j exits %i", async (argv, code, text) => {
    const { io, out } = createIo();
    expect(await runMain(argv, io, commands)).toBe(code);
    expect(out()).toContain(text);
  });
});

describe("COMMANDS", () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    "%s loads the command of that name",
    async (name, entry) => {
      expect((await entry.load()).name).toBe(name);
    },
  );
});
