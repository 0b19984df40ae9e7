import type { Client } from "../api.js";
import type { Initiative, Portfolio } from "../types.js";

/** The path of a portfolio's route. */
export const portfolioPath = (id: string, rest = "") => `/v1/portfolios/${encodeURIComponent(id)}${rest}`;

/**
 * Reads a portfolio and every initiative in it, page by page.
 *
 * @param client - the API client
 * @param id - the portfolio id
 * @returns the portfolio and its initiatives
 */
export async function loadPortfolio(
  client: Client,
  id: string,
): Promise<{ portfolio: Portfolio; initiatives: Initiative[] }> {
  const portfolio = await client.json<Portfolio>(portfolioPath(id));
  const initiatives: Initiative[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.json<{ items: Initiative[]; cursor?: string }>(
      portfolioPath(
        id,
        `/initiatives?limit=100${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
      ),
    );
    for (const item of page.items) initiatives.push(item);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { portfolio, initiatives };
}

/**
 * Polls a URL with `If-None-Match` every `intervalMs`, calling `onChange` only when the answer changed.
 *
 * @returns a function that stops the polling
 */
export function poll<T>(
  client: Client,
  path: string,
  intervalMs: number,
  onChange: (value: T) => void,
): () => void {
  let etag: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const response = await client.send(path, { headers: etag === null ? {} : { "If-None-Match": etag } });
      if (response.status !== 304) {
        etag = response.headers.get("ETag");
        onChange((await response.json()) as T);
      }
    } catch {
      // A missed poll is retried on the next tick; the page keeps what it shows.
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
