import { useState } from "preact/hooks";
import { messages as m } from "../messages.js";
import { ModelChoice } from "./model-choice.js";
import type { ModelEditorProps } from "./model-save.js";
import { PairwiseWeights } from "./pairwise-weights.js";
import { Weights } from "./weights.js";

/**
 * The workshop's model and weights: the model chosen or uploaded, then its weights set by sliders or by
 * pairwise questions. Every save goes to the portfolio's model with If-Match.
 */
export function ModelSection(props: ModelEditorProps) {
  const { portfolio } = props;
  const [how, setHow] = useState<"sliders" | "pairwise">("sliders");
  // The sliders start again from the saved model when the model is chosen or weighed by questions, or when its
  // criteria change; a reload after a conflict keeps what was typed.
  const [saves, setSaves] = useState(0);
  const criteria = portfolio.model.criteria.map((criterion) => criterion.id).join(",");
  const editor = {
    ...props,
    onSaved: (saved: typeof portfolio) => {
      setSaves(saves + 1);
      props.onSaved(saved);
    },
  };
  return (
    <div class="stack">
      <ModelChoice {...editor} />
      <p>{m.weights.intro}</p>
      <fieldset class="row">
        <legend>{m.weights.how}</legend>
        {(["sliders", "pairwise"] as const).map((value) => (
          <label key={value} class="inline">
            <input type="radio" name="weights-how" checked={how === value} onChange={() => setHow(value)} />
            {value === "sliders" ? m.weights.sliders : m.weights.pairwise}
          </label>
        ))}
      </fieldset>
      {how === "sliders" ? (
        <Weights key={`${criteria}/${saves}`} {...props} />
      ) : (
        <PairwiseWeights key={criteria} {...editor} />
      )}
    </div>
  );
}
