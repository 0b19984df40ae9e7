import { readFile } from "node:fs/promises";
import { formatPath, type Model, validateModel } from "@cxprism/core";
import { CliError } from "../errors.js";

/**
 * Reads and validates a model JSON file, applying the model's defaults.
 *
 * @param file - the path of the model JSON
 * @returns the validated model
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` with every problem otherwise
 */
export async function loadModel(file: string): Promise<Model> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(
      "io",
      `${file}: cannot read the model file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const problem = {
      file,
      message: `expected a model as JSON, received text that is not JSON (${(error as Error).message})`,
    };
    throw new CliError("invalid-input", problem.message, [problem]);
  }
  const validation = validateModel(json);
  if (validation.success) return validation.model;
  const problems = validation.problems.map((problem) => ({
    file,
    // Drop the leading "model": within the model file, paths start at its root.
    message: `${formatPath(problem.path.slice(1))}: ${problem.message}`,
  }));
  throw new CliError("invalid-input", `${file}: the model is not valid`, problems);
}
