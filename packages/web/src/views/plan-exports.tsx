import { useState } from "preact/hooks";
import { type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import type { Initiative, Portfolio } from "../types.js";
import { portfolioPath } from "./load.js";
import { type StoredRating, toInitiatives } from "./reveal.js";

interface PlanAnswer {
  readonly waves: readonly { readonly initiatives: readonly string[] }[];
  readonly notes: readonly string[];
}

/** Saves a text or bytes as a file in the browser. */
function download(name: string, body: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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
        <button
          type="button"
          class="secondary"
          onClick={() =>
            void client
              .send(portfolioPath(workshopId, "/export.csv"))
              .then((response) => response.text())
              .then((text) => download(`${file}.csv`, text, "text/csv"))
          }
        >
          {m.exports.csv}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => download(`${file}-matrix.svg`, props.svg, "image/svg+xml")}
        >
          {m.exports.svg}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            void client
              .send(
                "/v1/matrix",
                jsonBody("POST", { ...body(), options: { missing: "neutral" } }, { Accept: "image/png" }),
              )
              .then((response) => response.arrayBuffer())
              .then((bytes) => download(`${file}-matrix.png`, bytes, "image/png"))
              .catch((problem: Error) => setError(problem.message))
          }
        >
          {m.exports.png}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            void client
              .send("/v1/plan", jsonBody("POST", body(), { Accept: "text/markdown" }))
              .then((response) => response.text())
              .then((text) => download(`${file}-plan.md`, text, "text/markdown"))
              .catch((problem: Error) => setError(problem.message))
          }
        >
          {m.exports.plan}
        </button>
      </div>
    </div>
  );
}
