import { type ApiProblem, isTransient } from "../api.js";
import { messages as m } from "../messages.js";

/** The page for a link that cannot open: revoked, unknown, a deleted workshop, or no answer. */
export function ProblemPage(props: {
  readonly problem: ApiProblem;
  readonly onSignOut: () => void;
  readonly onRetry: () => void;
}) {
  const { problem } = props;
  let title: string = m.problems.otherTitle;
  let body: string = problem.message;
  if (problem.reason === "revoked") [title, body] = [m.problems.revokedTitle, m.problems.revokedBody];
  else if (problem.status === 401) [title, body] = [m.problems.unknownTitle, m.problems.unknownBody];
  else if (problem.status === 404) [title, body] = [m.problems.deletedTitle, m.problems.deletedBody];
  else if (problem.status === 0) body = m.problems.offline;
  else if (isTransient(problem))
    [title, body] = [m.problems.busyTitle, `${problem.message} ${m.problems.busyBody}`];
  return (
    <section class="card problem" aria-labelledby="problem-title">
      <h1 id="problem-title">{title}</h1>
      <p>{body}</p>
      <div class="row">
        <button type="button" onClick={props.onRetry}>
          {m.problems.retry}
        </button>
        <button type="button" class="secondary" onClick={props.onSignOut}>
          {m.signIn.signOut}
        </button>
      </div>
    </section>
  );
}
