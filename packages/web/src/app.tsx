import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiProblem, type Client, createClient } from "./api.js";
import { messages as m } from "./messages.js";
import { clearSession, readSession, type Session, saveSession } from "./session.js";
import type { Workshop } from "./types.js";
import { ProblemPage } from "./views/problem-page.js";
import { RaterView } from "./views/rater-view.js";
import { SignIn } from "./views/sign-in.js";

/** What the facilitator's views receive (loaded on demand: a rater never downloads them). */
export interface FacilitatorProps {
  readonly client: Client;
  readonly workshopId: string | undefined;
  readonly open: (workshopId: string | undefined) => void;
  readonly signOut: () => void;
}

type State =
  | { readonly kind: "loading" }
  | { readonly kind: "signed-out" }
  | { readonly kind: "problem"; readonly problem: ApiProblem }
  | { readonly kind: "rater"; readonly workshop: Workshop }
  | { readonly kind: "facilitator"; readonly view: ComponentType<FacilitatorProps> };

/** The app: reads the session, asks the API who the key belongs to, and shows that person's page. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(() => readSession());
  const [state, setState] = useState<State>({ kind: "loading" });
  const client = session === undefined ? undefined : createClient(session.key);

  useEffect(() => {
    if (session === undefined || client === undefined) {
      setState({ kind: "signed-out" });
      return;
    }
    let live = true;
    const load = async () => {
      try {
        const workshop =
          session.workshop === undefined
            ? undefined
            : await client.json<Workshop>(`/v1/portfolios/${encodeURIComponent(session.workshop)}/workshop`);
        if (workshop !== undefined && workshop.you.role !== "owner") {
          if (live) setState({ kind: "rater", workshop });
          return;
        }
        if (workshop === undefined) await client.send("/v1/portfolios?limit=1");
        const { FacilitatorApp } = await import("./views/facilitator-app.js");
        if (live) setState({ kind: "facilitator", view: FacilitatorApp });
      } catch (error) {
        if (live)
          setState({
            kind: "problem",
            problem: error instanceof ApiProblem ? error : new ApiProblem(0, String(error)),
          });
      }
    };
    void load();
    return () => {
      live = false;
    };
  }, [session]);

  const signIn = (key: string) => {
    const next = { key, workshop: undefined };
    saveSession(next);
    setSession(next);
  };
  const signOut = () => {
    clearSession();
    setSession(undefined);
  };
  const open = (workshopId: string | undefined) => {
    if (session === undefined) return;
    const next = { ...session, workshop: workshopId };
    saveSession(next);
    setSession(next);
  };

  return (
    <>
      <a class="skip" href="#main">
        {m.skipToContent}
      </a>
      <main id="main" tabIndex={-1}>
        {state.kind === "loading" && <p role="status">{m.loading}</p>}
        {state.kind === "signed-out" && <SignIn onSignIn={signIn} />}
        {state.kind === "problem" && (
          <ProblemPage
            problem={state.problem}
            onSignOut={signOut}
            onRetry={() => setSession(readSession())}
          />
        )}
        {state.kind === "rater" && client !== undefined && session?.workshop !== undefined && (
          <RaterView client={client} workshopId={session.workshop} initial={state.workshop} />
        )}
        {state.kind === "facilitator" && client !== undefined && (
          <state.view client={client} workshopId={session?.workshop} open={open} signOut={signOut} />
        )}
      </main>
    </>
  );
}
