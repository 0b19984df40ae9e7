import { useState } from "preact/hooks";
import { ApiProblem, type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import type { Portfolio } from "../types.js";
import { portfolioPath } from "./load.js";

/**
 * Weights by sliders, saved to the portfolio's model with If-Match. When someone else saved first (412) the
 * sliders keep what was typed and a reload is offered.
 */
export function Weights(props: {
  readonly client: Client;
  readonly portfolio: Portfolio;
  readonly onSaved: (portfolio: Portfolio) => void;
}) {
  const { client, portfolio } = props;
  const [weights, setWeights] = useState<Record<string, number>>(() =>
    Object.fromEntries(portfolio.model.criteria.map((criterion) => [criterion.id, criterion.weight])),
  );
  // Weights are relative within an axis: the sliders span twice the largest, at least 0 to 1.
  const max = portfolio.model.criteria.reduce((most, criterion) => Math.max(most, criterion.weight * 2), 1);
  const [status, setStatus] = useState<"idle" | "saved" | "conflict" | "error">("idle");
  const [detail, setDetail] = useState("");

  const save = async (event: Event) => {
    event.preventDefault();
    const model = {
      ...portfolio.model,
      criteria: portfolio.model.criteria.map((criterion) => ({
        ...criterion,
        weight: weights[criterion.id] ?? criterion.weight,
      })),
    };
    try {
      const saved = await client.json<Portfolio>(
        portfolioPath(portfolio.id),
        jsonBody("PATCH", { model }, { "If-Match": `"v${portfolio.version}"` }),
      );
      setStatus("saved");
      props.onSaved(saved);
    } catch (problem) {
      setStatus(problem instanceof ApiProblem && problem.status === 412 ? "conflict" : "error");
      setDetail(problem instanceof Error ? problem.message : String(problem));
    }
  };
  const reload = async () => {
    props.onSaved(await client.json<Portfolio>(portfolioPath(portfolio.id)));
    setStatus("idle");
  };

  return (
    <form class="stack" onSubmit={save}>
      <p>{m.weights.intro}</p>
      <div class="columns">
        {(["value", "feasibility"] as const).map((axis) => (
          <fieldset key={axis}>
            <legend>{axis === "value" ? m.weights.value : m.weights.feasibility}</legend>
            {portfolio.model.criteria
              .filter((criterion) => criterion.axis === axis)
              .map((criterion) => (
                <div key={criterion.id} class="slider">
                  <label for={`w-${criterion.id}`}>{criterion.label}</label>
                  <input
                    id={`w-${criterion.id}`}
                    type="range"
                    min="0"
                    max={max}
                    step={max / 100}
                    value={weights[criterion.id]}
                    onInput={(event) =>
                      setWeights({ ...weights, [criterion.id]: Number(event.currentTarget.value) })
                    }
                  />
                  <output for={`w-${criterion.id}`}>{Number(weights[criterion.id]?.toFixed(2))}</output>
                </div>
              ))}
          </fieldset>
        ))}
      </div>
      <button type="submit">{m.weights.save}</button>
      {status === "saved" && <p role="status">{m.weights.saved}</p>}
      {status === "conflict" && (
        <p class="notice" role="alert">
          {m.workshop.changed}{" "}
          <button type="button" onClick={() => void reload()}>
            {m.workshop.reload}
          </button>
        </p>
      )}
      {status === "error" && (
        <p class="error" role="alert">
          {detail}
        </p>
      )}
    </form>
  );
}
