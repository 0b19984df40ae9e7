import { useEffect, useState } from "preact/hooks";
import { ApiProblem, type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import { labelsByRater } from "../rater-label.js";
import type { Initiative, Invite, Phase, Portfolio, Progress, Workshop } from "../types.js";
import { Invites } from "./invites.js";
import { loadPortfolio, poll, portfolioPath } from "./load.js";
import { ModelSection } from "./model-section.js";
import { ProblemPage } from "./problem-page.js";
import { ProgressTable } from "./progress-table.js";
import { Reveal } from "./reveal.js";

/** One workshop as its facilitator runs it: phase, invites, live progress, and after the reveal the results. */
export function WorkshopPage(props: {
  readonly client: Client;
  readonly workshopId: string;
  readonly onBack: () => void;
}) {
  const { client, workshopId } = props;
  const [data, setData] = useState<{ portfolio: Portfolio; initiatives: Initiative[] }>();
  const [workshop, setWorkshop] = useState<Workshop>();
  const [progress, setProgress] = useState<Progress>();
  const [invites, setInvites] = useState<Invite[]>([]);
  const [problem, setProblem] = useState<ApiProblem>();
  const [conflict, setConflict] = useState(false);

  const load = async () => {
    try {
      setData(await loadPortfolio(client, workshopId));
      setWorkshop(await client.json<Workshop>(portfolioPath(workshopId, "/workshop")));
      setConflict(false);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, String(error)));
    }
  };
  const loadInvites = () =>
    client
      .json<{ items: Invite[] }>(portfolioPath(workshopId, "/invites"))
      .then((answer) => setInvites(answer.items));
  useEffect(() => {
    void load();
    void loadInvites();
    return poll<Progress>(client, portfolioPath(workshopId, "/progress"), 1000, setProgress);
  }, [workshopId]);
  // Another facilitator's phase change shows up through the poll.
  useEffect(() => {
    if (progress !== undefined && workshop !== undefined && progress.version !== workshop.version)
      void client.json<Workshop>(portfolioPath(workshopId, "/workshop")).then(setWorkshop);
  }, [progress?.version]);

  if (problem !== undefined)
    return <ProblemPage problem={problem} onSignOut={props.onBack} onRetry={() => void load()} />;
  if (data === undefined || workshop === undefined) return <p role="status">{m.loading}</p>;

  const setPhase = async (phase: Phase) => {
    try {
      setWorkshop(
        await client.json<Workshop>(
          portfolioPath(workshopId, "/workshop"),
          jsonBody("PATCH", { phase }, { "If-Match": `"v${workshop.version}"` }),
        ),
      );
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) setConflict(true);
      else setProblem(error as ApiProblem);
    }
  };

  const labels = labelsByRater(invites);
  // Before the reveal the room needs the invites; after it, the results come first.
  const people = (
    <div class="columns" key="people">
      <section class="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{m.workshop.sections.invite}</h2>
        <Invites
          client={client}
          workshopId={workshopId}
          items={invites}
          raters={progress?.raters.map((entry) => entry.rater) ?? []}
          onChanged={loadInvites}
        />
      </section>
      <section class="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{m.workshop.sections.progress}</h2>
        <ProgressTable
          progress={progress}
          labels={labels}
          total={workshop.round > 1 ? workshop.reopened.length : data.initiatives.length}
        />
      </section>
    </div>
  );
  const results = (
    <section class="card" key="results" aria-labelledby="results-title">
      <h2 id="results-title">{m.workshop.sections.results}</h2>
      {workshop.phase === "rating" ? (
        <p>{m.reveal.blind}</p>
      ) : (
        <Reveal
          client={client}
          workshopId={workshopId}
          portfolio={data.portfolio}
          initiatives={data.initiatives}
          workshop={workshop}
          labels={labels}
          sequence={progress?.raters.reduce((sum, rater) => sum + rater.rated, 0) ?? 0}
          onWorkshop={setWorkshop}
          onConflict={() => setConflict(true)}
        />
      )}
    </section>
  );

  return (
    <div class="stack">
      <header class="stack">
        <button type="button" class="link-button" onClick={props.onBack}>
          ← {m.workshop.back}
        </button>
        <div class="row spread">
          <h1 dir="auto">{data.portfolio.name}</h1>
          <p class="badge" aria-live="polite">
            {m.workshop.phase}: {m.workshop.phases[workshop.phase]} · {m.workshop.round(workshop.round)} ·{" "}
            {m.workshop.initiatives(data.initiatives.length)}
          </p>
        </div>
        <div class="row">
          {workshop.phase === "rating" && (
            <button type="button" onClick={() => void setPhase("revealed")}>
              {m.workshop.reveal}
            </button>
          )}
          {workshop.phase === "revealed" && (
            <button type="button" onClick={() => void setPhase("closed")}>
              {m.workshop.close}
            </button>
          )}
          {workshop.phase !== "rating" && (
            <button type="button" class="secondary" onClick={() => void setPhase("rating")}>
              {m.workshop.reopen}
            </button>
          )}
        </div>
        {conflict && (
          <p class="notice" role="alert">
            {m.workshop.changed}{" "}
            <button type="button" onClick={() => void load()}>
              {m.workshop.reload}
            </button>
          </p>
        )}
      </header>
      {workshop.phase === "rating" ? [people, results] : [results, people]}
      <section class="card" aria-labelledby="model-title">
        <h2 id="model-title">{m.workshop.sections.model}</h2>
        <ModelSection
          client={client}
          portfolio={data.portfolio}
          onSaved={(portfolio) => setData({ ...data, portfolio })}
          onReloaded={(portfolio) => setData({ ...data, portfolio })}
        />
      </section>
    </div>
  );
}
