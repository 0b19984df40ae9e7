import { readFile } from "node:fs/promises";
import { CxprismError, formatPath, type Model } from "@cxprism/core";
import { applyWeights } from "@cxprism/core/weights";
import type { FileProblem } from "../csv/locate.js";
import { CliError } from "../errors.js";

/**
 * Reads a weights JSON file: what `cxprism weights ahp|rank --format json` prints (`{"weights": {id: w}, ...}`)
 * or a bare `{id: w}` object.
 *
 * @param file - the path of the weights JSON
 * @returns weight by criterion id
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` for anything but weights by id
 */
export async function loadWeights(file: string): Promise<Record<string, number>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      "io",
      `${file}: cannot read the weights file (${code === "ENOENT" ? "no such file" : (code ?? (error as Error).message)})`,
    );
  }
  const fail = (problems: FileProblem[]): never => {
    throw new CliError("invalid-input", `${file}: the weights are not valid`, problems);
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return fail([
      {
        file,
        message: `expected weights as JSON, received text that is not JSON (${(error as Error).message})`,
      },
    ]);
  }
  const nested = isObject(json) && isObject(json.weights);
  const weights = nested ? (json as { weights: Record<string, unknown> }).weights : json;
  if (!isObject(weights))
    return fail([
      {
        file,
        message: `expected {"weights": {"criterion_id": weight, ...}} or {"criterion_id": weight, ...}, received ${Array.isArray(json) ? "an array" : typeof json}`,
      },
    ]);
  const problems: FileProblem[] = [];
  for (const [id, weight] of Object.entries(weights)) {
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0)
      problems.push({
        file,
        column: nested ? `weights.${id}` : id,
        message: `expected a finite weight of at least 0, received ${JSON.stringify(weight)}`,
      });
  }
  if (Object.keys(weights).length === 0)
    problems.push({ file, message: "expected at least one criterion weight, received none" });
  if (problems.length > 0) return fail(problems);
  return weights as Record<string, number>;
}

/**
 * A model re-weighted from a weights file with the core's `applyWeights` (criteria not in the file keep their
 * weight; scoring normalises weights within each axis, so weights of one axis from AHP fit right in).
 *
 * @param model - the model to re-weight
 * @param file - the weights JSON file
 * @returns the re-weighted model
 * @throws {@link CliError} `invalid-input` for ids that are not criteria of the model (nearest id suggested)
 */
export async function loadWeightedModel(model: Model, file: string): Promise<Model> {
  const weights = await loadWeights(file);
  try {
    return applyWeights(model, weights, { missing: "keep" });
  } catch (error) {
    if (!(error instanceof CxprismError)) throw error;
    const problems = error.problems.map((problem): FileProblem => {
      const [root, id] = problem.path;
      return root === "weights" && typeof id === "string"
        ? { file, column: id, message: problem.message }
        : { file, message: `${formatPath(problem.path)}: ${problem.message}` };
    });
    throw new CliError("invalid-input", `${file}: the weights do not fit the model`, problems);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
