import { useState } from "preact/hooks";
import { type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import { pickRater, raterIdOf } from "../rater-id.js";
import type { Invite } from "../types.js";
import { portfolioPath } from "./load.js";
import { QrCode } from "./qr-code.js";

/** Links made in this browser session, by invite id: the server keeps only hashes and cannot show them again. */
const linkStore = (workshopId: string) => `cxprism.links.${workshopId}`;

/**
 * Invites raters and viewers: a link per person, as text and as a QR code; revoke. A new rater never joins
 * someone else's ratings: a second "Sam" becomes "Sam (2)" (see {@link pickRater}).
 */
export function Invites(props: {
  readonly client: Client;
  readonly workshopId: string;
  /** The workshop's invites, revoked ones included, oldest first. */
  readonly items: readonly Invite[];
  /** The rater ids that have ratings, invited or not (an import's raters). */
  readonly raters: readonly string[];
  /** Reads the invites again after one was added or revoked. */
  readonly onChanged: () => Promise<void>;
}) {
  const { client, workshopId, items } = props;
  const [links, setLinks] = useState<Record<string, string>>(() =>
    JSON.parse(sessionStorage.getItem(linkStore(workshopId)) ?? "{}"),
  );
  const [name, setName] = useState("");
  const [copied, setCopied] = useState<string>();
  const [error, setError] = useState<string>();
  const [renamed, setRenamed] = useState<string>();
  // One invite at a time: the next rater id is picked from the list as the previous invite left it.
  const [busy, setBusy] = useState(false);

  const add = async (body: object, renaming?: string) => {
    setError(undefined);
    setRenamed(undefined);
    setBusy(true);
    try {
      const invite = await client.json<Invite>(portfolioPath(workshopId, "/invites"), jsonBody("POST", body));
      const next = { ...links, [invite.id]: new URL(invite.link!, location.href).href };
      sessionStorage.setItem(linkStore(workshopId), JSON.stringify(next));
      setLinks(next);
      setName("");
      setRenamed(renaming);
      await props.onChanged();
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack">
      <p>{m.invite.intro}</p>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          const picked = pickRater(name, items, props.raters);
          if (picked === undefined) return setError(m.invite.noLetters);
          void add(
            { role: "rater", rater: picked.rater, label: picked.label },
            picked.label === name.trim() ? undefined : m.invite.renamed(name.trim(), picked.label),
          );
        }}
      >
        <label for="rater-name">{m.invite.raterName}</label>
        <input
          id="rater-name"
          dir="auto"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          required
        />
        <button type="submit" disabled={busy}>
          {m.invite.addRater}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => void add({ role: "viewer", label: m.invite.viewer })}
        >
          {m.invite.addViewer}
        </button>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {renamed !== undefined && (
        <p class="notice" role="status">
          {renamed}
        </p>
      )}
      <p class="muted small">{m.invite.keyOnce}</p>
      <ul class="plain invites">
        {items.map((invite) => {
          const link = links[invite.id];
          return (
            <li key={invite.id} class={`invite${invite.revokedAt ? " revoked" : ""}`}>
              <div class="stack">
                <strong dir="auto">{invite.label}</strong>
                {invite.rater !== undefined && invite.rater !== raterIdOf(invite.label) && (
                  <span class="muted small">{m.invite.savedAs(invite.rater)}</span>
                )}
                {invite.revokedAt ? (
                  <span class="muted">
                    {invite.role === "rater" ? m.invite.revokedRater : m.invite.revoked}
                  </span>
                ) : link === undefined ? (
                  <span class="muted small">{m.invite.hidden}</span>
                ) : (
                  <>
                    <label class="small" for={`link-${invite.id}`}>
                      {m.invite.link(invite.label)}
                    </label>
                    <input id={`link-${invite.id}`} class="link" readOnly value={link} />
                    <div class="row">
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => {
                          void navigator.clipboard?.writeText(link).then(() => setCopied(invite.id));
                        }}
                      >
                        {copied === invite.id ? m.invite.copied : m.invite.copy}
                      </button>
                      <button
                        type="button"
                        class="danger"
                        onClick={() =>
                          void client
                            .send(portfolioPath(workshopId, `/invites/${invite.id}`), { method: "DELETE" })
                            .then(props.onChanged)
                        }
                      >
                        {m.invite.revoke}
                      </button>
                    </div>
                  </>
                )}
              </div>
              {link !== undefined && !invite.revokedAt && (
                <QrCode text={link} label={m.invite.qr(invite.label)} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
