import { useState } from "preact/hooks";
import { messages as m } from "../messages.js";
import type { Model } from "../types.js";
import { type ModelEditorProps, useModelSave } from "./model-save.js";

/**
 * The model itself: the default model, or a model JSON the facilitator uploads. The API checks it when it is
 * saved and lists every problem by JSON pointer; a broken file saves nothing. After a 412 the chosen model is
 * kept, to save again once the page has reloaded.
 */
export function ModelChoice(props: ModelEditorProps) {
  const { client, portfolio } = props;
  const [pending, setPending] = useState<Model>();
  const { save, fail, status } = useModelSave(props);

  const choose = async (model: Model) => {
    const outcome = await save(model, m.model.saved(String(model.name ?? model.id)));
    // Kept to save again after a reload (412) or a failed request; a saved or broken model is done with.
    setPending(outcome === "conflict" || outcome === "error" ? model : undefined);
  };
  const upload = async (file: File) => {
    let model: unknown;
    try {
      model = JSON.parse(await file.text());
    } catch (error) {
      setPending(undefined);
      fail([
        { pointer: "", detail: m.model.notJson(error instanceof Error ? error.message : String(error)) },
      ]);
      return;
    }
    await choose(model as Model);
  };

  return (
    <div class="stack">
      <div class="heading-group">
        <p>
          <strong>{m.model.current(portfolio.model.name, portfolio.model.criteria.length)}</strong>
        </p>
        <p class="muted small">{m.model.intro}</p>
      </div>
      <div class="row">
        <button
          type="button"
          class="secondary"
          onClick={() => void client.json<Model>("/v1/models/default").then(choose)}
        >
          {m.model.useDefault}
        </button>
        <label class="file">
          {m.model.upload}
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              // Cleared, so choosing the same file again (after fixing it) uploads it again.
              input.value = "";
              if (file !== undefined) void upload(file);
            }}
          />
        </label>
      </div>
      {status}
      {pending !== undefined && (
        <div>
          <button type="button" onClick={() => void choose(pending)}>
            {m.model.saveAgain(String(pending.name ?? pending.id))}
          </button>
        </div>
      )}
    </div>
  );
}
