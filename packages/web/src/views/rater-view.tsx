import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiProblem, type Client, jsonBody, wait } from "../api.js";
import { messages as m } from "../messages.js";
import type { Criterion, Initiative, Portfolio, Progress, Workshop } from "../types.js";
import { loadPortfolio, poll, portfolioPath } from "./load.js";
import { ProblemPage } from "./problem-page.js";

/** One rater's answers: per initiative, criterion id -> value (null: "Don't know"), and comments. */
interface Answers {
  readonly ratings: Record<string, Record<string, number | string | null>>;
  readonly comments: Record<string, string>;
}

/** `idle` until the first save of this visit: nothing is claimed saved before anything was sent. */
type SaveState = "idle" | "saved" | "saving" | "retrying";

const draftKey = (workshopId: string, rater: string) => `cxprism.draft.${workshopId}.${rater}`;

/** The scale points of a criterion, with the rubric sentence of each. */
function levelsOf(criterion: Criterion): { value: number | string; sentence: string }[] {
  const points: (number | string)[] =
    "labels" in criterion.scale
      ? [...criterion.scale.labels]
      : Array.from(
          { length: criterion.scale.max - criterion.scale.min + 1 },
          (_, i) => (criterion.scale as { min: number }).min + i,
        );
  return points.map((value, index) => {
    const level = criterion.levels?.[index];
    const sentence = typeof level === "string" ? level : (level?.description ?? level?.label ?? "");
    return { value, sentence };
  });
}

/** The rater's page: one initiative at a time, every change saved with retries, nothing lost on reload. */
export function RaterView(props: {
  readonly client: Client;
  readonly workshopId: string;
  readonly initial: Workshop;
}) {
  const { client, workshopId } = props;
  const rater = props.initial.you.rater;
  const [data, setData] = useState<{ portfolio: Portfolio; initiatives: Initiative[] }>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [answers, setAnswers] = useState<Answers>({ ratings: {}, comments: {} });
  const [index, setIndex] = useState(0);
  const [save, setSave] = useState<SaveState>("idle");
  const [progress, setProgress] = useState<Pick<Progress, "phase" | "round" | "reopened">>(props.initial);
  const dirty = useRef(new Set<string>());
  const latest = useRef(answers);
  const flushing = useRef(false);
  latest.current = answers;

  useEffect(() => {
    if (rater === undefined) return;
    void (async () => {
      try {
        const loaded = await loadPortfolio(client, workshopId);
        const saved = await client.json<Answers>(
          portfolioPath(workshopId, `/ratings/${encodeURIComponent(rater)}`),
        );
        const draft = JSON.parse(
          sessionStorage.getItem(draftKey(workshopId, rater)) ?? "null",
        ) as Answers | null;
        const merged: Answers = {
          ratings: { ...saved.ratings, ...draft?.ratings },
          comments: { ...saved.comments, ...draft?.comments },
        };
        setAnswers(merged);
        latest.current = merged;
        const firstOpen = loaded.initiatives.findIndex(
          (initiative) => merged.ratings[initiative.id] === undefined,
        );
        setIndex(firstOpen === -1 ? 0 : firstOpen);
        setData(loaded);
        for (const id of Object.keys(draft?.ratings ?? {})) dirty.current.add(id);
        if (dirty.current.size > 0) void flush();
      } catch (error) {
        setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, String(error)));
      }
    })();
    return poll<Progress>(client, portfolioPath(workshopId, "/progress"), 2000, (next) =>
      setProgress({ phase: next.phase, round: next.round, reopened: next.reopened }),
    );
  }, [workshopId]);

  /** Sends every changed initiative in one idempotent PUT, retrying with backoff until the server has it. */
  async function flush(): Promise<void> {
    if (flushing.current || rater === undefined) return;
    flushing.current = true;
    let attempt = 0;
    while (dirty.current.size > 0) {
      const ids = [...dirty.current];
      const sent = latest.current;
      const body = {
        ratings: Object.fromEntries(ids.map((id) => [id, sent.ratings[id] ?? {}])),
        comments: Object.fromEntries(
          ids.flatMap((id) => (sent.comments[id] ? [[id, sent.comments[id]]] : [])),
        ),
      };
      setSave(attempt === 0 ? "saving" : "retrying");
      try {
        await client.send(
          portfolioPath(workshopId, `/ratings/${encodeURIComponent(rater)}`),
          jsonBody("PUT", body),
        );
        for (const id of ids)
          if (
            latest.current.ratings[id] === sent.ratings[id] &&
            latest.current.comments[id] === sent.comments[id]
          )
            dirty.current.delete(id);
        attempt = 0;
      } catch (error) {
        const retry =
          !(error instanceof ApiProblem) || error.status === 0 || error.status >= 500 || error.status === 409;
        if (!retry) {
          dirty.current.clear();
          if (error instanceof ApiProblem && error.reason === "closed")
            setProgress((p) => ({ ...p, phase: "closed" }));
          else setProblem(error as ApiProblem);
          break;
        }
        attempt += 1;
        setSave("retrying");
        await wait(Math.min(8000, 250 * 2 ** attempt));
      }
    }
    const pending = Object.fromEntries([...dirty.current].map((id) => [id, latest.current.ratings[id]]));
    if (dirty.current.size === 0) sessionStorage.removeItem(draftKey(workshopId, rater));
    else
      sessionStorage.setItem(draftKey(workshopId, rater), JSON.stringify({ ratings: pending, comments: {} }));
    setSave(dirty.current.size === 0 ? "saved" : "retrying");
    flushing.current = false;
  }

  const change = (initiativeId: string, next: Answers) => {
    if (rater === undefined) return;
    setAnswers(next);
    latest.current = next;
    dirty.current.add(initiativeId);
    const draft = {
      ratings: Object.fromEntries([...dirty.current].map((id) => [id, next.ratings[id] ?? {}])),
      comments: Object.fromEntries(
        [...dirty.current].flatMap((id) => (next.comments[id] ? [[id, next.comments[id]]] : [])),
      ),
    };
    sessionStorage.setItem(draftKey(workshopId, rater), JSON.stringify(draft));
    void flush();
  };

  const commentTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const byAxis = useMemo(() => {
    const criteria = (data?.portfolio.model.criteria ?? []).filter(
      (criterion) => criterion.formula === undefined,
    );
    return [
      { axis: m.rater.valueAxis, criteria: criteria.filter((criterion) => criterion.axis === "value") },
      {
        axis: m.rater.feasibilityAxis,
        criteria: criteria.filter((criterion) => criterion.axis === "feasibility"),
      },
    ];
  }, [data]);

  if (problem !== undefined)
    return (
      <ProblemPage
        problem={problem}
        onSignOut={() => location.assign("/")}
        onRetry={() => location.reload()}
      />
    );
  if (data === undefined || rater === undefined) return <p role="status">{m.loading}</p>;
  const { initiatives, portfolio } = data;
  const initiative = initiatives[Math.min(index, initiatives.length - 1)];
  const rated = initiatives.filter((item) => answers.ratings[item.id] !== undefined).length;
  const closed = progress.phase === "closed";
  const locked = progress.round > 1 && initiative !== undefined && !progress.reopened.includes(initiative.id);
  const readOnly = closed || locked;

  return (
    <div class="rater">
      <header class="rater-head">
        <h1>{m.rater.title(portfolio.name)}</h1>
        <p class="muted">{m.rater.progress(rated, initiatives.length)}</p>
        <progress
          max={initiatives.length}
          value={rated}
          aria-label={m.rater.progress(rated, initiatives.length)}
        />
      </header>
      {closed && <p class="notice">{m.rater.closed}</p>}
      {progress.phase === "revealed" && <p class="notice">{m.rater.revealed}</p>}
      {progress.round > 1 && !closed && <p class="notice">{m.rater.revote(progress.round)}</p>}
      {rated === initiatives.length && !closed && <p class="notice">{m.rater.done}</p>}
      {initiative !== undefined && (
        <article class="card initiative" aria-labelledby="initiative-name">
          <p class="muted">{m.rater.of(index + 1, initiatives.length)}</p>
          <h2 id="initiative-name" dir="auto">
            {initiative.name}
          </h2>
          {initiative.category && <p class="tag">{initiative.category}</p>}
          {initiative.description && <p dir="auto">{initiative.description}</p>}
          {locked && <p class="notice">{m.rater.locked}</p>}
          {byAxis.map((group) => (
            <section key={group.axis} aria-label={group.axis}>
              <h3>{group.axis}</h3>
              {group.criteria.map((criterion) => {
                const current = answers.ratings[initiative.id]?.[criterion.id];
                const name = `${initiative.id}--${criterion.id}`;
                const pick = (value: number | string | null) =>
                  change(initiative.id, {
                    ...answers,
                    ratings: {
                      ...answers.ratings,
                      [initiative.id]: { ...answers.ratings[initiative.id], [criterion.id]: value },
                    },
                  });
                return (
                  <fieldset key={criterion.id} class="criterion" disabled={readOnly}>
                    <legend>
                      {criterion.label}
                      {criterion.direction === "cost" && (
                        <span class="muted"> ({m.rater.lowerIsBetter})</span>
                      )}
                    </legend>
                    {criterion.description && <p class="muted small">{criterion.description}</p>}
                    <div class="levels">
                      {levelsOf(criterion).map((level) => (
                        <label
                          key={String(level.value)}
                          class={`level${current === level.value ? " picked" : ""}`}
                        >
                          <input
                            type="radio"
                            name={name}
                            checked={current === level.value}
                            onChange={() => pick(level.value)}
                          />
                          <span class="point">{level.value}</span>
                          <span class="sentence">{level.sentence}</span>
                        </label>
                      ))}
                      <label class={`level dont-know${current === null ? " picked" : ""}`}>
                        <input
                          type="radio"
                          name={name}
                          checked={current === null}
                          onChange={() => pick(null)}
                        />
                        <span class="sentence">{m.rater.dontKnow}</span>
                      </label>
                    </div>
                  </fieldset>
                );
              })}
            </section>
          ))}
          <label for="comment">{m.rater.comment}</label>
          <textarea
            id="comment"
            dir="auto"
            rows={3}
            disabled={readOnly}
            value={answers.comments[initiative.id] ?? ""}
            onInput={(event) => {
              const text = event.currentTarget.value;
              const next = {
                ratings: { ...answers.ratings, [initiative.id]: answers.ratings[initiative.id] ?? {} },
                comments: { ...answers.comments, [initiative.id]: text },
              };
              setAnswers(next);
              latest.current = next;
              clearTimeout(commentTimer.current);
              commentTimer.current = setTimeout(() => change(initiative.id, latest.current), 600);
            }}
          />
        </article>
      )}
      <nav class="row pager" aria-label={m.rater.of(index + 1, initiatives.length)}>
        <p class={`save ${save}`} role="status" aria-live="polite">
          {save === "idle"
            ? ""
            : save === "saved"
              ? `✓ ${m.rater.saved}`
              : save === "saving"
                ? m.rater.saving
                : m.rater.retrying}
        </p>
        <button type="button" class="secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          {m.rater.previous}
        </button>
        <button
          type="button"
          disabled={index >= initiatives.length - 1}
          onClick={() => {
            setIndex(index + 1);
            window.scrollTo({ top: 0 });
          }}
        >
          {m.rater.next}
        </button>
      </nav>
    </div>
  );
}
