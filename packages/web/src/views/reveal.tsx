import { useEffect, useState } from "preact/hooks";
import { ApiProblem, type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import { raterLabel } from "../rater-label.js";
import type { Initiative, Portfolio, Result, ScoreAnswer, Spread, Workshop } from "../types.js";
import { portfolioPath } from "./load.js";
import { PlanAndExports } from "./plan-exports.js";

/** A stored rating as `GET .../ratings` lists it. */
export interface StoredRating {
  readonly initiativeId: string;
  readonly rater: string;
  readonly weight: number;
  readonly ratings: Record<string, number | string | null>;
}

/** The core's initiatives from the stored ones and their raters' ratings (for `/v1/score`, `/v1/plan`...). */
export function toInitiatives(
  initiatives: readonly Initiative[],
  ratings: readonly StoredRating[],
  costs: Record<string, number> = {},
) {
  return initiatives.map((initiative) => {
    const raters = ratings
      .filter((rating) => rating.initiativeId === initiative.id)
      .map(({ rater, weight, ratings: values }) => ({ rater, weight, ratings: values }));
    const { version: _version, ...rest } = initiative as Initiative & { version?: number };
    const cost = costs[initiative.id] ?? initiative.cost;
    return {
      ...rest,
      ...(cost === undefined ? {} : { cost }),
      ...(raters.length === 0 ? { ratings: {} } : { raters }),
    };
  });
}

interface Confidence {
  readonly monteCarlo: { readonly initiatives: readonly { id: string; summary: string; baseRank: number }[] };
}

const round1 = (value: number) => value.toFixed(1);
/** Monte Carlo worlds per reveal: enough for stable percentages, and within the API's work cap for 250 initiatives. */
const WORLDS = 2000;

/** The reveal: matrix, ranking with contributions, discussion, agreement, confidence, re-vote, plan, exports. */
export function Reveal(props: {
  readonly client: Client;
  readonly workshopId: string;
  readonly portfolio: Portfolio;
  readonly initiatives: readonly Initiative[];
  readonly workshop: Workshop;
  /** Invite labels by rater id, for a discussion that names raters. */
  readonly labels: ReadonlyMap<string, string>;
  readonly sequence: number;
  readonly onWorkshop: (workshop: Workshop) => void;
  readonly onConflict: () => void;
}) {
  const { client, workshopId, portfolio, workshop } = props;
  const [svg, setSvg] = useState<string>();
  const [ratings, setRatings] = useState<StoredRating[]>([]);
  const [score, setScore] = useState<ScoreAnswer>();
  const [confidence, setConfidence] = useState<Confidence>();
  const [compare, setCompare] = useState<{ round: number; before: readonly Result[] }>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const stored = (await client.json<{ items: StoredRating[] }>(portfolioPath(workshopId, "/ratings")))
          .items;
        const initiatives = toInitiatives(props.initiatives, stored);
        const body = { initiatives, model: portfolio.model, options: { missing: "neutral" } };
        const [matrix, scored, sensitivity, rounds] = await Promise.all([
          client.send(portfolioPath(workshopId, "/matrix.svg")).then((response) => response.text()),
          client.json<ScoreAnswer>("/v1/score", jsonBody("POST", body)),
          client
            .json<Confidence>(`/v1/sensitivity?iterations=${WORLDS}&seed=1`, jsonBody("POST", body))
            .catch(() => undefined),
          client.json<{ rounds: { round: number; ratings: StoredRating[] }[] }>(
            portfolioPath(workshopId, "/rounds"),
          ),
        ]);
        if (!live) return;
        setRatings(stored);
        setSvg(matrix);
        setScore(scored);
        setConfidence(sensitivity);
        const last = rounds.rounds.at(-1);
        if (last !== undefined) {
          const kept = new Set(last.ratings.map((rating) => rating.initiativeId));
          const before = [...stored.filter((rating) => !kept.has(rating.initiativeId)), ...last.ratings];
          const old = await client.json<ScoreAnswer>(
            "/v1/score",
            jsonBody("POST", { ...body, initiatives: toInitiatives(props.initiatives, before) }),
          );
          if (live) setCompare({ round: last.round, before: old.results });
        } else setCompare(undefined);
      } catch (problem) {
        if (live) setError(problem instanceof Error ? problem.message : String(problem));
      }
    })();
    return () => {
      live = false;
    };
  }, [workshopId, workshop.version, props.sequence, portfolio.version]);

  if (error !== undefined)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (score === undefined || svg === undefined) return <p role="status">{m.loading}</p>;

  const criteria = new Map(portfolio.model.criteria.map((criterion) => [criterion.id, criterion.label]));
  const raterNames = [...new Set(ratings.map((rating) => rating.rater))].sort();
  const shownRater = (rater: string) =>
    workshop.named ? raterLabel(rater, props.labels) : m.reveal.rater(raterNames.indexOf(rater) + 1);
  const agreement = score.discussion?.agreement;
  const discuss = score.discussion?.discuss ?? [];

  const startRevote = async () => {
    if (chosen.size === 0) return setError(m.revote.none);
    try {
      props.onWorkshop(
        await client.json<Workshop>(
          portfolioPath(workshopId, "/rounds"),
          jsonBody("POST", { initiatives: [...chosen] }, { "If-Match": `"v${workshop.version}"` }),
        ),
      );
      setChosen(new Set());
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 412) props.onConflict();
      else setError(problem instanceof Error ? problem.message : String(problem));
    }
  };
  const toggleNamed = async () => {
    try {
      props.onWorkshop(
        await client.json<Workshop>(
          portfolioPath(workshopId, "/workshop"),
          jsonBody("PATCH", { named: !workshop.named }, { "If-Match": `"v${workshop.version}"` }),
        ),
      );
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 412) props.onConflict();
    }
  };

  return (
    <div class="stack reveal">
      <div class="reveal-grid">
        <figure class="matrix">
          <div
            role="img"
            aria-label={m.reveal.matrix}
            // The SVG is the core's own drawing, served by this API: no second drawing in the page.
            dangerouslySetInnerHTML={{ __html: svg }}
          />
          <figcaption class="muted small">{m.reveal.matrix}</figcaption>
        </figure>
        <div class="stack">
          <h3>{m.reveal.agreement}</h3>
          <p>
            {agreement?.w == null
              ? m.reveal.kendallNone
              : `${m.reveal.kendall(agreement.w.toFixed(2), agreement.raters)} (${m.reveal.kendallMeaning(agreement.w)})`}
          </p>
          <h3>{m.reveal.confidence}</h3>
          {confidence === undefined ? (
            <p class="muted">{m.loading}</p>
          ) : (
            <>
              <ul>
                {[...confidence.monteCarlo.initiatives]
                  .sort((a, b) => a.baseRank - b.baseRank)
                  .slice(0, 5)
                  .map((item) => (
                    <li key={item.id} dir="auto">
                      {item.summary}
                    </li>
                  ))}
              </ul>
              <p class="muted small">{m.reveal.confidenceNote(WORLDS)}</p>
            </>
          )}
        </div>
      </div>
      <h3 id="ranking-title">{m.reveal.ranked}</h3>
      <div class="scroll">
        <table class="ranking" aria-labelledby="ranking-title">
          <thead>
            <tr>
              <th scope="col">{m.reveal.rank}</th>
              <th scope="col">{m.reveal.initiative}</th>
              <th scope="col" class="num">
                {m.reveal.value}
              </th>
              <th scope="col" class="num">
                {m.reveal.feasibility}
              </th>
              <th scope="col" class="num">
                {m.reveal.priority}
              </th>
              <th scope="col">{m.reveal.quadrant}</th>
              <th scope="col">{m.reveal.why}</th>
            </tr>
          </thead>
          <tbody>
            {score.results.map((result) => (
              <tr key={result.id}>
                <td class="num">{result.rank}</td>
                <th scope="row" dir="auto">
                  {result.name}
                </th>
                <td class="num">{round1(result.value)}</td>
                <td class="num">{round1(result.feasibility)}</td>
                <td class="num">{round1(result.priority)}</td>
                <td>
                  <span class={`quadrant q-${result.quadrant}`}>
                    {m.quadrants[result.quadrant] ?? result.quadrant}
                  </span>
                </td>
                <td>
                  <details>
                    <summary>{m.reveal.whyTitle(result.name)}</summary>
                    <table class="contributions">
                      <tbody>
                        {(["value", "feasibility"] as const).flatMap((axis) =>
                          Object.entries(result.contributions[axis])
                            .sort((a, b) => b[1] - a[1])
                            .map(([criterion, points]) => (
                              <tr key={`${axis}-${criterion}`}>
                                <td>{criteria.get(criterion) ?? criterion}</td>
                                <td class="num">{round1(points)}</td>
                              </tr>
                            )),
                        )}
                      </tbody>
                    </table>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="row spread">
        <h3>{m.reveal.discussion}</h3>
        <label class="inline">
          <input type="checkbox" checked={workshop.named} onChange={() => void toggleNamed()} />
          {m.reveal.named}
        </label>
      </div>
      {discuss.length === 0 ? (
        <p>{m.reveal.discussionNone}</p>
      ) : (
        <ol class="discussion">
          {discuss.slice(0, 10).map((spread: Spread) => (
            <li key={`${spread.initiative}-${spread.criterion}`}>
              <strong dir="auto">
                {m.reveal.discussionItem(spread.name, criteria.get(spread.criterion) ?? spread.criterion)}
              </strong>
              {spread.impact !== null && (
                <span class="muted small">
                  {" "}
                  ({m.reveal.swing(spread.impact.rankAtHighest, spread.impact.rankAtLowest)}
                  {spread.impact.quadrantChanges ? `; ${m.reveal.moves}` : ""})
                </span>
              )}
              <ul class="chips" aria-label={m.reveal.ratersSaid}>
                {[...spread.ratings]
                  .sort((a, b) => raterNames.indexOf(a.rater) - raterNames.indexOf(b.rater))
                  .map((rating) => (
                    <li key={rating.rater}>
                      <span dir="auto">{shownRater(rating.rater)}</span>:{" "}
                      <strong>{String(rating.rating)}</strong>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <h3>{m.workshop.sections.revote}</h3>
      <p>{m.revote.intro}</p>
      <fieldset class="revote">
        <legend class="sr-only">{m.workshop.sections.revote}</legend>
        {score.results.map((result) => (
          <label key={result.id} class="inline">
            <input
              type="checkbox"
              checked={chosen.has(result.id)}
              onChange={() => {
                const next = new Set(chosen);
                if (next.has(result.id)) next.delete(result.id);
                else next.add(result.id);
                setChosen(next);
              }}
            />
            <span dir="auto">{result.name}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={() => void startRevote()}>
        {m.revote.start}
      </button>
      {compare !== undefined && (
        <table>
          <caption>{m.revote.compare(compare.round)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.reveal.initiative}</th>
              <th scope="col" class="num">
                {m.revote.before(compare.round)}
              </th>
              <th scope="col" class="num">
                {m.revote.after}
              </th>
            </tr>
          </thead>
          <tbody>
            {score.results.map((result) => {
              const before = compare.before.find((item) => item.id === result.id);
              if (before === undefined || Math.abs(before.priority - result.priority) < 1e-9) return null;
              return (
                <tr key={result.id}>
                  <th scope="row" dir="auto">
                    {result.name}
                  </th>
                  <td class="num">
                    {round1(before.priority)} (#{before.rank})
                  </td>
                  <td class="num">
                    {round1(result.priority)} (#{result.rank})
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <PlanAndExports
        client={client}
        workshopId={workshopId}
        portfolio={portfolio}
        initiatives={props.initiatives}
        ratings={ratings}
        svg={svg}
      />
    </div>
  );
}
