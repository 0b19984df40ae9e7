import { useState } from "preact/hooks";
import { ApiProblem, jsonBody, type ProblemItem } from "../api.js";
import { messages as m } from "../messages.js";
import type { Criterion } from "../types.js";
import { type ModelEditorProps, useModelSave } from "./model-save.js";
import { AXES } from "./weights.js";

/**
 * One answer on Saaty's scale, signed: `k` > 1 means the pair's first criterion matters k times more, `-k` the
 * second, 1 both equally; absent means not answered (left out of the matrix, never a silent "equal").
 */
type Answer = number;

/** The core's worst-judgment advice as `POST /v1/weights/ahp` answers it. */
interface JudgmentAdvice {
  readonly row: string;
  readonly column: string;
  readonly value: number;
  readonly consistentValue: number;
  readonly suggestedValue: number;
  readonly consistencyRatioDrop: number | null;
}

/** The part of the AHP answer the page shows. */
interface AhpAnswer {
  readonly weights: Readonly<Record<string, number>>;
  readonly consistencyRatio: number | null;
  readonly verdict: "acceptable" | "revise" | "unknown";
  readonly worstJudgments: readonly JudgmentAdvice[];
}

type AxisOutcome = { readonly ahp: AhpAnswer } | { readonly problems: readonly ProblemItem[] };

/** Saaty's levels from "the first matters extremely more" through "equal" to "the second extremely more". */
const LEVELS: readonly Answer[] = [9, 8, 7, 6, 5, 4, 3, 2, 1, -2, -3, -4, -5, -6, -7, -8, -9];

const pairKey = (a: string, b: string) => `${a}|${b}`;

/** Every pair of an axis's criteria, in model order. */
function pairsOf(criteria: readonly Criterion[]): [Criterion, Criterion][] {
  return criteria.flatMap((a, i) => criteria.slice(i + 1).map((b): [Criterion, Criterion] => [a, b]));
}

/** The judgment a_ab (how many times more a matters than b) of a signed answer. */
const toJudgment = (answer: Answer) => (answer < 0 ? -1 / answer : answer);

/** The signed answer of a judgment on Saaty's scale (1/9 .. 9). */
const toAnswer = (judgment: number) => (judgment >= 1 ? Math.round(judgment) : -Math.round(1 / judgment));

/** An answer in words, e.g. "Data readiness matters strongly more (5)". */
function describe(a: Criterion, b: Criterion, answer: Answer): string {
  if (answer === 1) return m.weights.ahpEqual;
  return answer > 0 ? m.weights.ahpMore(a.label, answer) : m.weights.ahpMore(b.label, -answer);
}

/**
 * Weights from pairwise questions (AHP), per axis: "Which matters more for business value, A or B, and how
 * much?" on Saaty's 1-9 scale either way. The API's AHP route computes the weights, the consistency ratio
 * and the judgments to revisit; the facilitator then saves them to the portfolio's model.
 */
export function PairwiseWeights(props: ModelEditorProps) {
  const { client, portfolio } = props;
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [outcomes, setOutcomes] = useState<Partial<Record<(typeof AXES)[number], AxisOutcome>>>();
  const [busy, setBusy] = useState(false);
  const [nothing, setNothing] = useState(false);
  const { save, status } = useModelSave(props);
  const byId = new Map(portfolio.model.criteria.map((criterion) => [criterion.id, criterion]));
  const axisCriteria = (axis: string) => portfolio.model.criteria.filter((c) => c.axis === axis);

  const compute = async () => {
    setNothing(false);
    setBusy(true);
    const next: Partial<Record<(typeof AXES)[number], AxisOutcome>> = {};
    for (const axis of AXES) {
      const criteria = axisCriteria(axis);
      const answered = pairsOf(criteria).filter(([a, b]) => answers[pairKey(a.id, b.id)] !== undefined);
      if (answered.length === 0) continue;
      const index = new Map(criteria.map((criterion, i) => [criterion.id, i]));
      const values = criteria.map((_, i) => criteria.map((_, j) => (i === j ? 1 : (null as number | null))));
      for (const [a, b] of answered) {
        const judgment = toJudgment(answers[pairKey(a.id, b.id)]!);
        values[index.get(a.id)!]![index.get(b.id)!] = judgment;
        values[index.get(b.id)!]![index.get(a.id)!] = 1 / judgment;
      }
      try {
        const ahp = await client.json<AhpAnswer>(
          "/v1/weights/ahp",
          jsonBody("POST", { matrix: { ids: criteria.map((c) => c.id), values } }),
        );
        next[axis] = { ahp };
      } catch (problem) {
        next[axis] = {
          problems:
            problem instanceof ApiProblem && problem.errors.length > 0
              ? problem.errors
              : [{ detail: problem instanceof Error ? problem.message : String(problem) }],
        };
      }
    }
    setBusy(false);
    if (Object.keys(next).length === 0) setNothing(true);
    setOutcomes(next);
  };

  const computed = AXES.flatMap((axis) => {
    const outcome = outcomes?.[axis];
    return outcome !== undefined && "ahp" in outcome ? [outcome.ahp.weights] : [];
  });
  const saveComputed = () => {
    const weights: Record<string, number> = Object.assign({}, ...computed);
    const criteria = portfolio.model.criteria.map((criterion) => ({
      ...criterion,
      weight: weights[criterion.id] ?? criterion.weight,
    }));
    void save({ ...portfolio.model, criteria }, m.weights.saved);
  };

  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        void compute();
      }}
    >
      <p class="muted small">{m.weights.ahpIntro}</p>
      <div class="columns">
        {AXES.map((axis) => (
          <fieldset key={axis} class="stack">
            <legend>{m.weights.ahpLegend(axis === "value" ? m.weights.value : m.weights.feasibility)}</legend>
            {pairsOf(axisCriteria(axis)).map(([a, b]) => {
              const key = pairKey(a.id, b.id);
              const id = `ahp-${a.id}-${b.id}`;
              const question = m.weights.ahpQuestion(m.weights.ahpAxis[axis]!);
              return (
                <div key={key} class="pair">
                  <label for={id}>
                    <span class="sr-only">{question.before}</span>
                    <strong>{a.label}</strong>
                    {question.between}
                    <strong>{b.label}</strong>
                    <span class="sr-only">{question.after}</span>
                  </label>
                  <select
                    id={id}
                    value={answers[key] === undefined ? "" : String(answers[key])}
                    onChange={(event) => {
                      const { value } = event.currentTarget;
                      const next = { ...answers };
                      if (value === "") delete next[key];
                      else next[key] = Number(value);
                      setAnswers(next);
                    }}
                  >
                    <option value="">{m.weights.ahpUnanswered}</option>
                    {LEVELS.map((level) => (
                      <option key={level} value={String(level)}>
                        {describe(a, b, level)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div>
        <button type="submit" disabled={busy}>
          {m.weights.ahpCompute}
        </button>
      </div>
      {nothing && (
        <p class="error" role="alert">
          {m.weights.ahpNone}
        </p>
      )}
      {outcomes !== undefined && (
        <div class="columns" aria-live="polite">
          {AXES.map((axis) => {
            const outcome = outcomes[axis];
            if (outcome === undefined) return null;
            const title = m.weights.ahpResult(m.weights.ahpAxis[axis]!);
            if ("problems" in outcome)
              return (
                <section key={axis} class="stack" aria-label={title}>
                  <h4>{title}</h4>
                  <ul class="error" role="alert">
                    {outcome.problems.map((item, index) => (
                      <li key={index}>{item.detail}</li>
                    ))}
                  </ul>
                </section>
              );
            const { ahp } = outcome;
            return (
              <section key={axis} class="stack" aria-label={title}>
                <h4>{title}</h4>
                <table>
                  <tbody>
                    {Object.entries(ahp.weights).map(([id, weight]) => (
                      <tr key={id}>
                        <th scope="row">{byId.get(id)?.label ?? id}</th>
                        <td class="num">{(weight * 100).toFixed(1)} %</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p class={ahp.verdict === "revise" ? "error" : undefined}>
                  {ahp.consistencyRatio === null
                    ? m.weights.ahpUnknown
                    : `${m.weights.ahpCr(ahp.consistencyRatio.toFixed(3))}: ${
                        ahp.verdict === "acceptable" ? m.weights.ahpConsistent : m.weights.ahpInconsistent
                      }`}
                </p>
                {ahp.worstJudgments.length > 0 && (
                  <>
                    <h5>{m.weights.ahpRevisit}</h5>
                    <ul class="advice">
                      {ahp.worstJudgments.map((advice) => (
                        <Advice
                          key={`${advice.row}-${advice.column}`}
                          advice={advice}
                          byId={byId}
                          answers={answers}
                          onUse={setAnswers}
                        />
                      ))}
                    </ul>
                  </>
                )}
              </section>
            );
          })}
        </div>
      )}
      {computed.length > 0 && (
        <div>
          <button type="button" onClick={saveComputed}>
            {m.weights.ahpSave}
          </button>
        </div>
      )}
      {status}
    </form>
  );
}

/** One judgment to revisit: what was answered, what the other answers imply, and the scale value to try. */
function Advice(props: {
  readonly advice: JudgmentAdvice;
  readonly byId: ReadonlyMap<string, Criterion>;
  readonly answers: Readonly<Record<string, Answer>>;
  readonly onUse: (answers: Record<string, Answer>) => void;
}) {
  const { advice, byId } = props;
  const row = byId.get(advice.row);
  const column = byId.get(advice.column);
  if (row === undefined || column === undefined) return null;
  // The matrix asks about (row, column); the page's question may list the pair the other way round.
  const [a, b, flip] =
    props.answers[pairKey(row.id, column.id)] !== undefined ? [row, column, 1] : [column, row, -1];
  const given = toAnswer(advice.value) * flip;
  const suggested = toAnswer(advice.suggestedValue) * flip;
  const consistent =
    advice.consistentValue >= 1
      ? m.weights.ahpTimes(row.label, column.label, advice.consistentValue.toFixed(1))
      : m.weights.ahpTimes(column.label, row.label, (1 / advice.consistentValue).toFixed(1));
  const normalise = (answer: Answer) => (answer === -1 ? 1 : answer);
  return (
    <li>
      {m.weights.ahpAdvice(describe(a, b, normalise(given)), consistent)}
      {suggested !== given && (
        <>
          {" "}
          <button
            type="button"
            class="secondary"
            onClick={() => props.onUse({ ...props.answers, [pairKey(a.id, b.id)]: normalise(suggested) })}
          >
            {m.weights.ahpTry(describe(a, b, normalise(suggested)))}
          </button>
          {advice.consistencyRatioDrop !== null && advice.consistencyRatioDrop > 0 && (
            <span class="muted small"> ({m.weights.ahpFalls(advice.consistencyRatioDrop.toFixed(3))})</span>
          )}
        </>
      )}
    </li>
  );
}
