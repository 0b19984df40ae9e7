import { useState } from "preact/hooks";
import { ApiProblem, type Client, jsonBody, type ProblemItem } from "../api.js";
import { messages as m } from "../messages.js";
import type { Model, Portfolio } from "../types.js";
import { portfolioPath } from "./load.js";

/** What the model's editors receive: the portfolio, and how to hand back a saved or reloaded one. */
export interface ModelEditorProps {
  readonly client: Client;
  readonly portfolio: Portfolio;
  /** This page saved the model: editors show the saved values. */
  readonly onSaved: (portfolio: Portfolio) => void;
  /** Someone else's change was loaded after a 412: editors keep what was typed. */
  readonly onReloaded: (portfolio: Portfolio) => void;
}

type SaveState =
  | { readonly kind: "idle" }
  | { readonly kind: "saved"; readonly message: string }
  | { readonly kind: "conflict" }
  | { readonly kind: "invalid"; readonly problems: readonly ProblemItem[] }
  | { readonly kind: "error"; readonly message: string };

/**
 * Saves a model to the portfolio with `If-Match` on the version the page loaded. A 412 (someone else saved
 * first) becomes a notice with a reload that keeps what was typed; a 422 lists every problem the API found,
 * and nothing is saved.
 *
 * @returns `save` (the model and the sentence shown when it is saved; answers how it went), `fail` (shows
 *   problems found before sending), and `status`, the element to show
 */
export function useModelSave(props: ModelEditorProps) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const save = async (model: Model, savedMessage: string): Promise<SaveState["kind"]> => {
    let next: SaveState;
    try {
      const saved = await props.client.json<Portfolio>(
        portfolioPath(props.portfolio.id),
        jsonBody("PATCH", { model }, { "If-Match": `"v${props.portfolio.version}"` }),
      );
      next = { kind: "saved", message: savedMessage };
      props.onSaved(saved);
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 412) next = { kind: "conflict" };
      else if (problem instanceof ApiProblem && problem.status === 422 && problem.errors.length > 0)
        next = { kind: "invalid", problems: problem.errors };
      else next = { kind: "error", message: problem instanceof Error ? problem.message : String(problem) };
    }
    setState(next);
    return next.kind;
  };
  const reload = async () => {
    try {
      props.onReloaded(await props.client.json<Portfolio>(portfolioPath(props.portfolio.id)));
      setState({ kind: "idle" });
    } catch (problem) {
      setState({ kind: "error", message: problem instanceof Error ? problem.message : String(problem) });
    }
  };
  const fail = (problems: readonly ProblemItem[]) => setState({ kind: "invalid", problems });
  const status = <SaveStatus state={state} onReload={() => void reload()} />;
  return { save, fail, status };
}

function SaveStatus(props: { readonly state: SaveState; readonly onReload: () => void }) {
  const { state } = props;
  if (state.kind === "saved") return <p role="status">{state.message}</p>;
  if (state.kind === "conflict")
    return (
      <p class="notice" role="alert">
        {m.workshop.changed}{" "}
        <button type="button" onClick={props.onReload}>
          {m.workshop.reload}
        </button>
      </p>
    );
  if (state.kind === "error")
    return (
      <p class="error" role="alert">
        {state.message}
      </p>
    );
  if (state.kind === "invalid")
    return (
      <div role="alert" class="stack">
        <p class="error">{m.model.problems(state.problems.length)}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.model.pointer}</th>
              <th scope="col">{m.model.problem}</th>
            </tr>
          </thead>
          <tbody>
            {state.problems.map((item, index) => (
              <tr key={index}>
                <td>
                  <code>{(item.pointer ?? "").replace(/^\/model(?=\/|$)/, "") || "/"}</code>
                </td>
                <td>{item.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return null;
}
