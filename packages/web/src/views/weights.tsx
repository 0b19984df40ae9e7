import { useState } from "preact/hooks";
import { messages as m } from "../messages.js";
import { type ModelEditorProps, useModelSave } from "./model-save.js";

/** The model's two axes, in the order the page shows them. */
export const AXES = ["value", "feasibility"] as const;

/**
 * Weights by sliders, saved to the portfolio's model with If-Match. When someone else saved first (412) the
 * sliders keep what was typed and a reload is offered.
 */
export function Weights(props: ModelEditorProps) {
  const { portfolio } = props;
  const [weights, setWeights] = useState<Record<string, number>>(() =>
    Object.fromEntries(portfolio.model.criteria.map((criterion) => [criterion.id, criterion.weight])),
  );
  // Weights are relative within an axis: the sliders span twice the largest, at least 0 to 1.
  const max = portfolio.model.criteria.reduce((most, criterion) => Math.max(most, criterion.weight * 2), 1);
  const { save, status } = useModelSave(props);

  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        const criteria = portfolio.model.criteria.map((criterion) => ({
          ...criterion,
          weight: weights[criterion.id] ?? criterion.weight,
        }));
        void save({ ...portfolio.model, criteria }, m.weights.saved);
      }}
    >
      <div class="columns">
        {AXES.map((axis) => (
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
      <div>
        <button type="submit">{m.weights.save}</button>
      </div>
      {status}
    </form>
  );
}
