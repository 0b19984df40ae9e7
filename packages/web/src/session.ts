/** What the page was opened with: a key and, for a workshop link, its portfolio id. */
export interface Session {
  readonly key: string;
  readonly workshop: string | undefined;
}

const STORE = "cxprism.session";

/**
 * Reads the session from the URL fragment (`#key=...&workshop=...`), never from the query string, and keeps it
 * in sessionStorage; the key then leaves the address bar, so a shared screen does not show it.
 *
 * @returns the session, or undefined when the page was opened without a key
 */
export function readSession(): Session | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const key = fragment.get("key");
  if (key !== null && key !== "") {
    const session = { key, workshop: fragment.get("workshop") ?? undefined };
    saveSession(session);
    return session;
  }
  const stored = sessionStorage.getItem(STORE);
  if (stored === null) return undefined;
  const session = JSON.parse(stored) as Session;
  const workshop = fragment.get("workshop");
  return workshop === null ? session : { ...session, workshop };
}

/** Keeps the session and shows only the workshop id in the address bar. */
export function saveSession(session: Session): void {
  sessionStorage.setItem(STORE, JSON.stringify(session));
  const hash = session.workshop === undefined ? "" : `#workshop=${encodeURIComponent(session.workshop)}`;
  history.replaceState(null, "", `${location.pathname}${hash}`);
}

/** Forgets the key. */
export function clearSession(): void {
  sessionStorage.removeItem(STORE);
  history.replaceState(null, "", location.pathname);
}
