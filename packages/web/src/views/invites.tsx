import { useEffect, useState } from "preact/hooks";
import { type Client, jsonBody } from "../api.js";
import { messages as m } from "../messages.js";
import type { Invite } from "../types.js";
import { portfolioPath } from "./load.js";
import { QrCode } from "./qr-code.js";

/** Links made in this browser session, by invite id: the server keeps only hashes and cannot show them again. */
const linkStore = (workshopId: string) => `cxprism.links.${workshopId}`;

/** A rater id from a person's name: letters and digits of any script kept, the rest dashed. */
function raterId(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** Invites raters and viewers: a link per person, as text and as a QR code; revoke. */
export function Invites(props: { readonly client: Client; readonly workshopId: string }) {
  const { client, workshopId } = props;
  const [items, setItems] = useState<Invite[]>([]);
  const [links, setLinks] = useState<Record<string, string>>(() =>
    JSON.parse(sessionStorage.getItem(linkStore(workshopId)) ?? "{}"),
  );
  const [name, setName] = useState("");
  const [copied, setCopied] = useState<string>();
  const [error, setError] = useState<string>();

  const reload = () =>
    client
      .json<{ items: Invite[] }>(portfolioPath(workshopId, "/invites"))
      .then((answer) => setItems(answer.items));
  useEffect(() => {
    void reload();
  }, [workshopId]);

  const add = async (body: object) => {
    setError(undefined);
    try {
      const invite = await client.json<Invite>(portfolioPath(workshopId, "/invites"), jsonBody("POST", body));
      const next = { ...links, [invite.id]: new URL(invite.link!, location.href).href };
      sessionStorage.setItem(linkStore(workshopId), JSON.stringify(next));
      setLinks(next);
      setName("");
      await reload();
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };

  return (
    <div class="stack">
      <p>{m.invite.intro}</p>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          const id = raterId(name);
          if (id !== "") void add({ role: "rater", rater: id, label: name.trim() });
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
        <button type="submit">{m.invite.addRater}</button>
        <button
          type="button"
          class="secondary"
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
      <p class="muted small">{m.invite.keyOnce}</p>
      <ul class="plain invites">
        {items.map((invite) => {
          const link = links[invite.id];
          return (
            <li key={invite.id} class={`invite${invite.revokedAt ? " revoked" : ""}`}>
              <div class="stack">
                <strong dir="auto">{invite.label}</strong>
                {invite.revokedAt ? (
                  <span class="muted">{m.invite.revoked}</span>
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
                            .then(reload)
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
