import { type ModelInput, type Problem, toJsonPointer } from "@cxprism/core";
import type { InitiativeTable } from "@cxprism/core/table";
import * as v from "valibot";
import { parseCsvTable, tableItem, tableLocator, throwTableProblems } from "../csv/read-initiatives-csv.js";
import { parseXlsxTable } from "../csv/read-xlsx-table.js";
import { parseJsonBody } from "../http/json-body.js";
import type { ProblemItem } from "../http/problem.js";
import type { InitiativeData, RatingRecord } from "../storage/portfolio-store.js";
import { validationFailed } from "./portfolios-http.js";
import { splitInitiative } from "./portfolios-initiative-input.js";

/** One row's outcome in a bulk import. */
export interface ImportOutcome {
  /** 0-based index in the JSON array, or the CSV line of the initiative's first row. */
  readonly index?: number;
  readonly row?: number;
  readonly id?: string;
  readonly status: "created" | "exists" | "invalid" | "failed";
  readonly errors?: readonly ProblemItem[];
}

/** Where an imported initiative came from: its JSON index or its table row. */
export type ImportPlace = Pick<ImportOutcome, "index" | "row">;

/** An import's body as read from the request, before parsing. */
export type ImportBody =
  | { readonly type: "application/json"; readonly text: string }
  | { readonly type: "text/csv"; readonly text: string }
  | { readonly type: "xlsx"; readonly bytes: Uint8Array; readonly sheet: string | undefined };

/** What {@link readImport} needs besides the body. */
export interface ImportSettings {
  /** The portfolio's model: headers and ratings are read and checked against it. */
  readonly model: ModelInput;
  /** The rater id of ratings given without one. */
  readonly rater: string;
  /** The timestamp of the write. */
  readonly now: string;
  /** `?partial=true`: invalid rows are reported per row and the rest imported. */
  readonly partial: boolean;
  /** The most initiatives one request may carry. */
  readonly maxInitiatives: number;
}

/** An import body read and checked: every initiative either invalid (with its problems) or ready to store. */
export interface ImportRead {
  /** Outcomes of the invalid initiatives, by their position in the body. */
  readonly invalid: readonly { readonly position: number; readonly outcome: ImportOutcome }[];
  /** The valid initiatives, split into what is stored, each with its place. */
  readonly valid: readonly {
    readonly position: number;
    readonly place: ImportPlace;
    readonly data: InitiativeData;
    readonly ratings: readonly RatingRecord[];
  }[];
  /** How many initiatives the body holds. */
  readonly count: number;
  /** A table's columns kept as extra columns. */
  readonly extraColumns: readonly string[];
  /** For an .xlsx body, its sheet and bytes as text: what the idempotency fingerprint hashes. */
  readonly fingerprintText?: string;
}

const ImportEnvelopeSchema = v.strictObject({ initiatives: v.array(v.unknown()) });

const pointerItems = (problems: readonly Problem[], prefix: string): ProblemItem[] =>
  problems.map((problem) => ({
    pointer: `${prefix}${toJsonPointer(problem.path)}`,
    detail: problem.message,
  }));

/** Bytes as hexadecimal text: an .xlsx body's stand-in for its text in the idempotency fingerprint. */
function hexOf(bytes: Uint8Array): string {
  const digits: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) digits[i] = bytes[i]!.toString(16).padStart(2, "0");
  return digits.join("");
}

/** The index of the initiative a spreadsheet row belongs to (its first row or one of its raters' rows). */
function initiativeOfRow(origins: InitiativeTable["origins"]): Map<number, number> {
  const byRow = new Map<number, number>();
  origins.firstRows.forEach((row, index) => {
    byRow.set(row, index);
  });
  origins.raterRows?.forEach((rows, index) => {
    for (const row of rows) byRow.set(row, index);
  });
  return byRow;
}

interface Parsed {
  readonly inputs: readonly unknown[];
  readonly extraColumns: readonly string[];
  /** Problems the table reader found, by initiative index. */
  readonly tableProblems: ReadonlyMap<number, ProblemItem[]>;
  readonly place: (index: number, problems: readonly Problem[]) => ImportPlace & { errors: ProblemItem[] };
}

async function parseTable(body: Exclude<ImportBody, { type: "application/json" }>, settings: ImportSettings) {
  const tableOptions = { model: settings.model as never, missing: "neutral", maxHeaderLength: 200 } as const;
  let table: InitiativeTable;
  let sheet: string | undefined;
  if (body.type === "text/csv") table = parseCsvTable(body.text, tableOptions);
  else {
    const read = await parseXlsxTable(body.bytes, { ...tableOptions, sheet: body.sheet });
    table = read;
    sheet = read.sheet;
  }
  const byRow = initiativeOfRow(table.origins);
  const tableProblems = new Map<number, ProblemItem[]>();
  for (const problem of table.problems) {
    const index = problem.row === undefined ? -1 : (byRow.get(problem.row) ?? -1);
    tableProblems.set(index, [...(tableProblems.get(index) ?? []), tableItem(problem, sheet)]);
  }
  // Problems of the header or of the whole table stop the import in either mode.
  if (table.problems.length > 0 && (!settings.partial || tableProblems.has(-1)))
    throwTableProblems(table.problems, sheet);
  const locate = tableLocator(table.origins, sheet);
  return {
    inputs: table.initiatives,
    extraColumns: table.extraColumns,
    tableProblems,
    place: (index: number, problems: readonly Problem[]) => ({
      row: table.origins.firstRows[index] ?? 0,
      errors: problems.map((problem) =>
        locate({ ...problem, path: ["initiatives", index, ...problem.path] }),
      ),
    }),
  } satisfies Parsed;
}

function parseJson(text: string): Parsed {
  const envelope = v.safeParse(ImportEnvelopeSchema, parseJsonBody(text));
  if (!envelope.success)
    throw validationFailed(
      envelope.issues.map((issue) => ({
        pointer: toJsonPointer((issue.path ?? []).map((item) => item.key as string)),
        detail: issue.message,
      })),
    );
  return {
    inputs: envelope.output.initiatives,
    extraColumns: [],
    tableProblems: new Map(),
    place: (index, problems) => ({ index, errors: pointerItems(problems, `/initiatives/${index}`) }),
  };
}

/**
 * Reads an import's body (JSON, CSV or an .xlsx sheet) and checks every initiative against the portfolio's
 * model, splitting each valid one into what is stored: the CPU-heavy half of an import (a 5,000-row table
 * takes about a second), run as a CPU job so the Node server's event loop keeps answering. What needs the
 * store (ids the portfolio has already, the write) stays with the route.
 *
 * @param body - the body as read
 * @param settings - the model, the rater of plain ratings, the timestamp, the mode and the initiative limit
 * @returns every initiative's outcome so far
 * @throws {@link ApiError} `malformed-body` (400) for unreadable JSON or CSV, `validation-failed` (422) for a
 *   bad envelope, problems of the table as a whole (or any problem without `partial`), or too many initiatives
 */
export async function readImport(body: ImportBody, settings: ImportSettings): Promise<ImportRead> {
  const parsed = body.type === "application/json" ? parseJson(body.text) : await parseTable(body, settings);
  const { inputs, place, tableProblems } = parsed;
  if (inputs.length > settings.maxInitiatives)
    throw validationFailed([
      {
        pointer: "/initiatives",
        detail: `expected at most ${settings.maxInitiatives} initiatives, received ${inputs.length}`,
      },
    ]);
  const invalid: { position: number; outcome: ImportOutcome }[] = [];
  const valid: ImportRead["valid"][number][] = [];
  const seen = new Set<string>();
  inputs.forEach((input, position) => {
    const rowErrors = tableProblems.get(position);
    if (rowErrors !== undefined) {
      const { errors: _none, ...at } = place(position, []);
      invalid.push({ position, outcome: { ...at, status: "invalid", errors: rowErrors } });
      return;
    }
    const split = splitInitiative(input, settings.model, settings.now, settings.rater);
    if (!split.ok) {
      const { errors, ...at } = place(position, split.problems);
      invalid.push({ position, outcome: { ...at, status: "invalid", errors } });
      return;
    }
    const { data, ratings } = split.value;
    const { errors: _none, ...at } = place(position, []);
    if (seen.has(data.id)) {
      invalid.push({
        position,
        outcome: {
          ...at,
          id: data.id,
          status: "invalid",
          errors: [
            {
              pointer: `/initiatives/${position}/id`,
              detail: `expected a unique id, received ${data.id} twice`,
            },
          ],
        },
      });
      return;
    }
    seen.add(data.id);
    valid.push({ position, place: at, data, ratings });
  });
  return {
    invalid,
    valid,
    count: inputs.length,
    extraColumns: parsed.extraColumns,
    ...(body.type === "xlsx" ? { fingerprintText: `${body.sheet ?? ""}\n${hexOf(body.bytes)}` } : {}),
  };
}
