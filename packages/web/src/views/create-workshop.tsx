import { useEffect, useState } from "preact/hooks";
import { ApiProblem, type Client, jsonBody, type ProblemItem } from "../api.js";
import { messages as m } from "../messages.js";

interface UseCase {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly description: string;
  readonly kpis: readonly string[];
  readonly enablers: readonly string[];
}

type Source = "catalog" | "csv" | "typed";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An uploaded table as the API takes it: its bytes (a workbook) or text (a CSV), with its media type. */
interface Upload {
  readonly body: Blob | string;
  readonly type: "text/csv" | typeof XLSX;
  readonly count: number;
  /** The headers the table keeps as extra columns (no criterion, no known field), listed once. */
  readonly extraColumns: readonly string[];
}

/**
 * Creates a workshop from catalog ticks, a CSV or Excel workbook checked before anything is saved, or typed
 * lines.
 */
export function CreateWorkshop(props: { readonly client: Client; readonly onCreated: (id: string) => void }) {
  const { client } = props;
  const [name, setName] = useState<string>(m.create.defaultName);
  const [source, setSource] = useState<Source>("catalog");
  const [catalog, setCatalog] = useState<UseCase[]>([]);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [csv, setCsv] = useState<Upload | undefined>();
  const [csvProblems, setCsvProblems] = useState<readonly ProblemItem[]>([]);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.json<{ useCases: UseCase[] }>("/v1/catalog").then((answer) => {
      setCatalog(answer.useCases);
      setTicked(new Set(answer.useCases.slice(0, 8).map((useCase) => useCase.id)));
    });
  }, []);

  const readTable = async (file: File) => {
    setCsv(undefined);
    setCsvProblems([]);
    setError(undefined);
    // A workbook goes to the API as it is (the server reads it); a CSV as text.
    const workbook = file.type === XLSX || /\.xlsx$/i.test(file.name);
    const type = workbook ? XLSX : "text/csv";
    const body = workbook ? file : await file.text();
    try {
      // The score route checks the file as the import will read it, and saves nothing.
      const answer = await client.json<{ results: unknown[]; extraColumns?: string[] }>(
        "/v1/score?missing=neutral",
        {
          method: "POST",
          headers: { "Content-Type": type },
          body,
        },
      );
      setCsv({ body, type, count: answer.results.length, extraColumns: answer.extraColumns ?? [] });
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.errors.length > 0) setCsvProblems(problem.errors);
      else setError(problem instanceof Error ? problem.message : String(problem));
    }
  };

  const create = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const chosen = catalog.filter((useCase) => ticked.has(useCase.id));
    const lines = typed
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    if (
      (source === "catalog" && chosen.length === 0) ||
      (source === "csv" && csv === undefined) ||
      (source === "typed" && lines.length === 0)
    ) {
      setError(m.create.nothing);
      return;
    }
    setBusy(true);
    try {
      const portfolio = await client.json<{ id: string }>("/v1/portfolios", jsonBody("POST", { name }));
      const path = `/v1/portfolios/${encodeURIComponent(portfolio.id)}/initiatives/import`;
      if (source === "csv")
        await client.send(path, { method: "POST", headers: { "Content-Type": csv!.type }, body: csv!.body });
      else {
        const initiatives =
          source === "catalog"
            ? chosen.map((useCase) => ({
                id: useCase.id,
                name: useCase.name,
                category: useCase.category,
                description: useCase.description,
                kpis: [...useCase.kpis],
                dependsOn: useCase.enablers.filter((id) => ticked.has(id)),
              }))
            : lines.map((line) => {
                const [title, ...rest] = line.split(" - ");
                return { name: title!.trim(), description: rest.join(" - ").trim() };
              });
        await client.send(path, jsonBody("POST", { initiatives }));
      }
      props.onCreated(portfolio.id);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };

  return (
    <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">{m.create.title}</h2>
      <form onSubmit={create} class="stack">
        <label for="workshop-name">{m.create.name}</label>
        <input
          id="workshop-name"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          required
        />
        <fieldset>
          <legend>{m.create.source}</legend>
          {(["catalog", "csv", "typed"] as const).map((value) => (
            <label key={value} class="inline">
              <input
                type="radio"
                name="source"
                checked={source === value}
                onChange={() => setSource(value)}
              />
              {value === "catalog"
                ? m.create.fromCatalog
                : value === "csv"
                  ? m.create.fromCsv
                  : m.create.fromTyped}
            </label>
          ))}
        </fieldset>
        {source === "catalog" && (
          <fieldset>
            <legend>{m.create.catalogHint}</legend>
            <div class="row">
              <button
                type="button"
                class="secondary"
                onClick={() => setTicked(new Set(catalog.map((u) => u.id)))}
              >
                {m.create.selectAll}
              </button>
              <button type="button" class="secondary" onClick={() => setTicked(new Set())}>
                {m.create.selectNone}
              </button>
            </div>
            <ul class="plain catalog">
              {catalog.map((useCase) => (
                <li key={useCase.id}>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={ticked.has(useCase.id)}
                      onChange={() => toggle(useCase.id)}
                    />
                    <span>
                      <strong>{useCase.name}</strong> <span class="tag">{useCase.category}</span>
                      <br />
                      <span class="small">{useCase.description}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {source === "csv" && (
          <div class="stack">
            <label for="csv-file">{m.create.csvLabel}</label>
            <input
              id="csv-file"
              type="file"
              accept={`.csv,text/csv,.xlsx,${XLSX}`}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file !== undefined) void readTable(file);
              }}
            />
            {csv !== undefined && (
              <p role="status">
                {m.create.csvReady(csv.count)}
                {csv.extraColumns.length > 0 && ` ${m.create.csvExtraColumns(csv.extraColumns)}`}
              </p>
            )}
            {csvProblems.length > 0 && (
              <div role="alert">
                <p>{m.create.csvProblems(csvProblems.length)}</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{m.create.csvRow}</th>
                      <th scope="col">{m.create.csvColumn}</th>
                      <th scope="col">{m.create.csvProblem}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {csvProblems.map((item, index) => (
                      <tr key={index}>
                        <td>{item.cell ?? item.row ?? ""}</td>
                        <td>{item.field ?? item.column ?? ""}</td>
                        <td>{item.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
        {source === "typed" && (
          <div class="stack">
            <label for="typed">{m.create.typedLabel}</label>
            <textarea
              id="typed"
              dir="auto"
              rows={6}
              value={typed}
              onInput={(event) => setTyped(event.currentTarget.value)}
            />
          </div>
        )}
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {m.create.submit}
        </button>
      </form>
    </section>
  );
}
