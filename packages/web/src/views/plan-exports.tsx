import { useState } from "preact/hooks";
import { type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import type { Initiative, Portfolio } from "../types.js";
import { BoardPack } from "./board-pack.js";
import { DownloadButton } from "./download-button.js";
import { portfolioPath } from "./load.js";
import { type StoredRating, toInitiatives } from "./reveal.js";

interface PlanAnswer {
  readonly waves: readonly { readonly initiatives: readonly string[] }[];
  readonly notes: readonly string[];
}

/** The plan (a budget and each initiative's cost give `createPlan`'s waves) and the exports. */
export function PlanAndExports(props: {
  readonly client: Client;
  readonly workshopId: string;
  readonly portfolio: Portfolio;
  readonly initiatives: readonly Initiative[];
  readonly ratings: readonly StoredRating[];
  readonly svg: string;
}) {
  const { client, workshopId, portfolio } = props;
  const [budget, setBudget] = useState("1000000");
  const [costs, setCosts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      props.initiatives.map((initiative) => [initiative.id, String(initiative.cost ?? 250000)]),
    ),
  );
  const [plan, setPlan] = useState<PlanAnswer>();
  const [error, setError] = useState<string>();
  const [exportError, setExportError] = useState<string>();
  const names = new Map(props.initiatives.map((initiative) => [initiative.id, initiative.name]));
  const body = () => ({
    initiatives: toInitiatives(
      props.initiatives,
      props.ratings,
      Object.fromEntries(Object.entries(costs).map(([id, cost]) => [id, Number(cost)])),
    ),
    model: portfolio.model,
    options: { budget: Number(budget), missing: "neutral" },
  });
  const makePlan = async () => {
    setError(undefined);
    try {
      setPlan(await client.json<PlanAnswer>("/v1/plan", jsonBody("POST", body())));
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };
  const file = portfolio.name.replace(/[^\p{L}\p{N}._-]+/gu, "-").slice(0, 60) || "workshop";

  return (
    <div class="stack">
      <h3>{m.workshop.sections.plan}</h3>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void makePlan();
        }}
      >
        <label for="budget">{m.plan.budget}</label>
        <input
          id="budget"
          type="number"
          min="0"
          step="1000"
          value={budget}
          onInput={(event) => setBudget(event.currentTarget.value)}
        />
        <details>
          <summary>{m.plan.costs}</summary>
          <div class="costs">
            {props.initiatives.map((initiative) => (
              <label key={initiative.id} class="cost">
                <span dir="auto">{initiative.name}</span>
                <input
                  type="number"
                  min="0"
                  step="1000"
                  value={costs[initiative.id]}
                  onInput={(event) => setCosts({ ...costs, [initiative.id]: event.currentTarget.value })}
                />
              </label>
            ))}
          </div>
        </details>
        <button type="submit">{m.plan.make}</button>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {plan !== undefined && (
        <div class="stack" aria-live="polite">
          <ol class="waves">
            {plan.waves.map((wave, index) => (
              <li key={index}>
                <strong>{m.plan.wave(index + 1)}</strong>:{" "}
                {wave.initiatives.map((id) => names.get(id) ?? id).join(", ")}
              </li>
            ))}
          </ol>
          {plan.notes.map((note) => (
            <p key={note} class="muted small">
              {note}
            </p>
          ))}
        </div>
      )}
      <h3>{m.workshop.sections.export}</h3>
      <div class="row">
        <DownloadButton
          label={m.exports.csv}
          fileName={`${file}.csv`}
          fetchFile={() => client.send(portfolioPath(workshopId, "/export.csv")).then((r) => r.blob())}
          onError={setExportError}
        />
        <DownloadButton
          label={m.exports.svg}
          fileName={`${file}-matrix.svg`}
          fetchFile={async () => new Blob([props.svg], { type: "image/svg+xml" })}
          onError={setExportError}
        />
        <DownloadButton
          label={m.exports.png}
          fileName={`${file}-matrix.png`}
          fetchFile={() =>
            client
              .send(
                "/v1/matrix",
                jsonBody("POST", { ...body(), options: { missing: "neutral" } }, { Accept: "image/png" }),
              )
              .then((r) => r.blob())
          }
          onError={setExportError}
        />
        <DownloadButton
          label={m.exports.plan}
          fileName={`${file}-plan.md`}
          fetchFile={() =>
            client
              .send("/v1/plan", jsonBody("POST", body(), { Accept: "text/markdown" }))
              .then((r) => r.blob())
          }
          onError={setExportError}
        />
      </div>
      <BoardPack client={client} workshopId={workshopId} fileName={file} onError={setExportError} />
      {exportError !== undefined && (
        <p class="error" role="alert">
          {exportError}
        </p>
      )}
    </div>
  );
}
