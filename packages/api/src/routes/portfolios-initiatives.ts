import { type Problem, toJsonPointer } from "@cxprism/core";
import { type InitiativeTable, type TableOrigins, XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import * as v from "valibot";
import { parseCsvTable, tableItem, tableLocator, throwTableProblems } from "../csv/read-initiatives-csv.js";
import { parseXlsxTable } from "../csv/read-xlsx-table.js";
import { isJsonMediaType, mediaTypeOf } from "../http/json-body.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { readBodyBytes, readBodyText } from "../http/read-body.js";
import type { InitiativeData, InitiativeRecord } from "../storage/portfolio-store.js";
import type { RegisterRoute } from "./portfolios-http.js";
import {
  type PortfolioRuntime,
  readIfMatch,
  readJsonBody,
  readPaging,
  requireRole,
  runIdempotent,
  validationFailed,
  versionTag,
} from "./portfolios-http.js";
import { IMPORT_RATER, RaterIdSchema, splitInitiative } from "./portfolios-initiative-input.js";
import { recordStoredRatings } from "./portfolios-ratings.js";
import { extraColumnNotes } from "./score.js";

const pointerItems = (problems: readonly Problem[], prefix: string): ProblemItem[] =>
  problems.map((problem) => ({
    pointer: `${prefix}${toJsonPointer(problem.path)}`,
    detail: problem.message,
  }));

/** The JSON of a stored initiative (its ratings are read through results and export). */
export const initiativeJson = (record: InitiativeRecord) => ({ ...record.data, version: record.version });

/** One row's outcome in a bulk import. */
export interface ImportOutcome {
  /** 0-based index in the JSON array, or the CSV line of the initiative's first row. */
  readonly index?: number;
  readonly row?: number;
  readonly id?: string;
  readonly status: "created" | "exists" | "invalid" | "failed";
  readonly errors?: readonly ProblemItem[];
}

const ImportEnvelopeSchema = v.strictObject({ initiatives: v.array(v.unknown()) });

/**
 * The query of an import: `partial=true` for per-row outcomes, `rater` for the ratings' rater id, `sheet`
 * for the sheet of an .xlsx body.
 */
const ImportQuerySchema = v.strictObject({
  partial: v.optional(v.picklist(["true", "false"]), "false"),
  rater: v.optional(RaterIdSchema, IMPORT_RATER),
  sheet: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
});

/** The media types an import accepts. */
const IMPORT_MEDIA_TYPES = ["application/json", "text/csv", XLSX_MEDIA_TYPE] as const;

/** Bytes as hexadecimal text: an .xlsx body's stand-in for its text in the idempotency fingerprint. */
function hexOf(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** The index of the initiative a spreadsheet row belongs to (its first row or one of its raters' rows). */
function initiativeOfRow(origins: TableOrigins): Map<number, number> {
  const byRow = new Map<number, number>();
  origins.firstRows.forEach((row, index) => {
    byRow.set(row, index);
  });
  origins.raterRows?.forEach((rows, index) => {
    for (const row of rows) byRow.set(row, index);
  });
  return byRow;
}

/**
 * Registers initiative routes: list and add (`/initiatives`), read, edit (If-Match) and delete
 * (`/initiatives/:initiative`), and bulk import (`/initiatives/import`, JSON or CSV).
 *
 * @param register - the route registrar
 * @param runtime - store and settings
 */
export function registerInitiativeRoutes(register: RegisterRoute, runtime: PortfolioRuntime): void {
  const { store } = runtime.deps;

  register("/:portfolio/initiatives", {
    GET: async (c) => {
      const { limit, cursor } = readPaging(c.req.url);
      const page = await store.listInitiatives(
        c.get("principal").tenant,
        c.req.param("portfolio")!,
        limit,
        cursor,
      );
      return c.json({
        items: page.items.map(initiativeJson),
        ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      });
    },
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "add initiatives");
      const id = c.req.param("portfolio")!;
      const portfolio = await store.getPortfolio(principal.tenant, id);
      const { text, json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const now = runtime.now();
      const split = splitInitiative(json, portfolio.model, now);
      if (!split.ok) throw validationFailed(pointerItems(split.problems, ""));
      return runIdempotent(c, runtime, text, async () => {
        const record = await store.addInitiative(
          principal.tenant,
          id,
          split.value.data,
          now,
          split.value.ratings,
        );
        await recordStoredRatings(runtime, principal.tenant, id, split.value.ratings);
        return c.json(initiativeJson(record), 201, {
          ETag: versionTag(record.version),
          Location: `/v1/portfolios/${encodeURIComponent(id)}/initiatives/${encodeURIComponent(record.data.id)}`,
        });
      });
    },
  });

  register("/:portfolio/initiatives/import", {
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "import initiatives");
      const portfolioId = c.req.param("portfolio")!;
      const portfolio = await store.getPortfolio(principal.tenant, portfolioId);
      const query = readQuery(new URL(c.req.url), ImportQuerySchema);
      const partial = query.partial === "true";
      const type = mediaTypeOf(c.req.header("Content-Type"));
      let text: string;
      let inputs: readonly unknown[];
      let extraColumns: readonly string[] = [];
      let place: (
        index: number,
        problems: readonly Problem[],
      ) => Pick<ImportOutcome, "index" | "row"> & { errors: ProblemItem[] };
      /** Problems the table reader found, by initiative index (-1: the table as a whole). */
      const tableProblems = new Map<number, ProblemItem[]>();
      if (type !== "text/csv" && type !== XLSX_MEDIA_TYPE && !isJsonMediaType(type))
        throw new ApiError(
          "unsupported-media-type",
          `expected a body of type ${IMPORT_MEDIA_TYPES.join(", ")}, received ${type === "" ? "no Content-Type" : type}`,
          { headers: { "Accept-Post": IMPORT_MEDIA_TYPES.join(", ") } },
        );
      if (query.sheet !== undefined && type !== XLSX_MEDIA_TYPE)
        throw validationFailed([
          {
            field: "sheet",
            detail: `expected the query parameter sheet only with an ${XLSX_MEDIA_TYPE} body, received it with another`,
          },
        ]);
      if (type === "text/csv" || type === XLSX_MEDIA_TYPE) {
        const tableOptions = {
          model: portfolio.model as never,
          missing: "neutral",
          maxHeaderLength: 200,
        } as const;
        let table: InitiativeTable;
        let sheet: string | undefined;
        if (type === "text/csv") {
          text = await readBodyText(c.req.raw, runtime.maxBodyBytes);
          table = parseCsvTable(text, tableOptions);
        } else {
          const bytes = await readBodyBytes(c.req.raw, runtime.maxBodyBytes);
          text = `${query.sheet ?? ""}\n${hexOf(bytes)}`;
          const read = await parseXlsxTable(bytes, { ...tableOptions, sheet: query.sheet });
          table = read;
          sheet = read.sheet;
        }
        const byRow = initiativeOfRow(table.origins);
        for (const problem of table.problems) {
          const index = problem.row === undefined ? -1 : (byRow.get(problem.row) ?? -1);
          tableProblems.set(index, [...(tableProblems.get(index) ?? []), tableItem(problem, sheet)]);
        }
        // Problems of the header or of the whole table stop the import in either mode.
        if (table.problems.length > 0 && (!partial || tableProblems.has(-1)))
          throwTableProblems(table.problems, sheet);
        inputs = table.initiatives;
        extraColumns = table.extraColumns;
        const locate = tableLocator(table.origins, sheet);
        place = (index, problems) => ({
          row: table.origins.firstRows[index] ?? 0,
          errors: problems.map((problem) =>
            locate({ ...problem, path: ["initiatives", index, ...problem.path] }),
          ),
        });
      } else {
        const body = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
        text = body.text;
        const envelope = v.safeParse(ImportEnvelopeSchema, body.json);
        if (!envelope.success)
          throw validationFailed(
            envelope.issues.map((issue) => ({
              pointer: toJsonPointer((issue.path ?? []).map((item) => item.key as string)),
              detail: issue.message,
            })),
          );
        inputs = envelope.output.initiatives;
        place = (index, problems) => ({ index, errors: pointerItems(problems, `/initiatives/${index}`) });
      }
      if (inputs.length > runtime.maxInitiatives)
        throw validationFailed([
          {
            pointer: "/initiatives",
            detail: `expected at most ${runtime.maxInitiatives} initiatives, received ${inputs.length}`,
          },
        ]);
      return runIdempotent(c, runtime, text, async () => {
        const now = runtime.now();
        const outcomes: ImportOutcome[] = new Array(inputs.length);
        const valid: { index: number; data: InitiativeData; ratings: ReturnType<typeof splitInitiative> }[] =
          [];
        const seen = new Set<string>();
        inputs.forEach((input, index) => {
          const rowErrors = tableProblems.get(index);
          if (rowErrors !== undefined) {
            const { errors: _none, ...at } = place(index, []);
            outcomes[index] = { ...at, status: "invalid", errors: rowErrors };
            return;
          }
          const split = splitInitiative(input, portfolio.model, now, query.rater);
          if (!split.ok) {
            const { errors, ...at } = place(index, split.problems);
            outcomes[index] = { ...at, status: "invalid", errors };
            return;
          }
          if (seen.has(split.value.data.id)) {
            const { errors: _none, ...at } = place(index, []);
            outcomes[index] = {
              ...at,
              id: split.value.data.id,
              status: "invalid",
              errors: [
                {
                  pointer: `/initiatives/${index}/id`,
                  detail: `expected a unique id, received ${split.value.data.id} twice`,
                },
              ],
            };
            return;
          }
          seen.add(split.value.data.id);
          valid.push({ index, data: split.value.data, ratings: split });
        });
        const existing = await store.existingInitiatives(
          principal.tenant,
          portfolioId,
          valid.map((item) => item.data.id),
        );
        const fresh = valid.filter((item) => {
          if (!existing.has(item.data.id)) return true;
          const { errors: _none, ...at } = place(item.index, []);
          outcomes[item.index] = { ...at, id: item.data.id, status: "exists" };
          return false;
        });
        if (!partial) {
          // All or nothing: one 422 listing every problem, before anything is written.
          const errors = outcomes.flatMap((outcome) =>
            outcome.status === "invalid"
              ? (outcome.errors ?? [])
              : outcome.status === "exists"
                ? [
                    {
                      ...(outcome.row === undefined ? {} : { row: outcome.row }),
                      ...(outcome.index === undefined ? {} : { pointer: `/initiatives/${outcome.index}/id` }),
                      detail: `expected a new initiative, received the id ${outcome.id} the portfolio already has (import with ?partial=true to skip it)`,
                    },
                  ]
                : [],
          );
          if (errors.length > 0) throw validationFailed(errors);
        }
        const written = await store.importInitiatives(
          principal.tenant,
          portfolioId,
          fresh.map((item) => ({
            data: item.data,
            ratings: item.ratings.ok ? item.ratings.value.ratings : [],
          })),
          now,
        );
        await recordStoredRatings(
          runtime,
          principal.tenant,
          portfolioId,
          fresh.flatMap((item, position) =>
            written[position]!.ok && item.ratings.ok ? item.ratings.value.ratings : [],
          ),
        );
        fresh.forEach((item, position) => {
          const { errors: _none, ...at } = place(item.index, []);
          outcomes[item.index] = written[position]!.ok
            ? { ...at, id: item.data.id, status: "created" }
            : {
                ...at,
                id: item.data.id,
                status: "failed",
                errors: [
                  {
                    detail:
                      "the store did not take every item of this initiative after retries; import it again",
                  },
                ],
              };
        });
        const count = (status: ImportOutcome["status"]) =>
          outcomes.filter((outcome) => outcome.status === status).length;
        return c.json({
          created: count("created"),
          exists: count("exists"),
          invalid: count("invalid"),
          failed: count("failed"),
          ...extraColumnNotes(extraColumns),
          outcomes,
        });
      });
    },
  });

  register("/:portfolio/initiatives/:initiative", {
    GET: async (c) => {
      const record = await store.getInitiative(
        c.get("principal").tenant,
        c.req.param("portfolio")!,
        c.req.param("initiative")!,
      );
      return c.json(initiativeJson(record), 200, { ETag: versionTag(record.version) });
    },
    PATCH: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "edit initiatives");
      const expected = readIfMatch(c.req.header("If-Match"));
      const portfolioId = c.req.param("portfolio")!;
      const initiativeId = c.req.param("initiative")!;
      const portfolio = await store.getPortfolio(principal.tenant, portfolioId);
      const { json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      if (json === null || typeof json !== "object" || Array.isArray(json))
        throw validationFailed([{ pointer: "", detail: "expected an object with the fields to change" }]);
      const changes = json as Record<string, unknown>;
      const refused = ["id", "ratings", "raters", "version"].filter((key) => key in changes);
      if (refused.length > 0)
        throw validationFailed(
          refused.map((key) => ({
            pointer: `/${key}`,
            detail:
              key === "id"
                ? "expected no id change (delete and add instead)"
                : `expected no ${key} here (PUT ratings per rater instead)`,
          })),
        );
      const current = await store.getInitiative(principal.tenant, portfolioId, initiativeId);
      const split = splitInitiative(
        { ...current.data, ...changes, id: initiativeId },
        portfolio.model,
        runtime.now(),
      );
      if (!split.ok) throw validationFailed(pointerItems(split.problems, ""));
      const record = await store.updateInitiative(
        principal.tenant,
        portfolioId,
        split.value.data,
        expected,
        runtime.now(),
      );
      return c.json(initiativeJson(record), 200, { ETag: versionTag(record.version) });
    },
    DELETE: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "delete initiatives");
      await store.deleteInitiative(principal.tenant, c.req.param("portfolio")!, c.req.param("initiative")!);
      return c.body(null, 204);
    },
  });
}
