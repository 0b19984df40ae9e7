import { catalogInitiatives } from "@cxprism/core";

/** Sends a request to the app in process. */
type Fetch = (request: Request) => Response | Promise<Response>;

/** The name of the workshop made on a first start. */
export const DEMO_WORKSHOP_NAME = "Demo workshop: the CX AI catalog";

async function call(fetch: Fetch, key: string, method: string, path: string, body?: unknown, headers = {}) {
  const response = await fetch(
    new Request(`http://local${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Finds the workshop the facilitator's link opens: the tenant's first portfolio, or, on an empty store, a new
 * demo workshop built from the catalog through the API itself, with the catalog's illustrative ratings and
 * its results revealed, so a newcomer sees a prism at once.
 *
 * @param fetch - the app's fetch handler
 * @param ownerKey - an owner key of the tenant
 * @returns the workshop's portfolio id
 */
export async function ensureDemoWorkshop(fetch: Fetch, ownerKey: string): Promise<string> {
  const listed = (await call(fetch, ownerKey, "GET", "/v1/portfolios?limit=1")) as {
    items: { id: string }[];
  };
  if (listed.items[0] !== undefined) return listed.items[0].id;
  const created = (await call(fetch, ownerKey, "POST", "/v1/portfolios", {
    name: DEMO_WORKSHOP_NAME,
    description: "Illustrative ratings from the catalog: a starting point, not research data.",
  })) as { id: string };
  const base = `/v1/portfolios/${created.id}`;
  await call(fetch, ownerKey, "POST", `${base}/initiatives/import`, { initiatives: catalogInitiatives() });
  await call(fetch, ownerKey, "PATCH", `${base}/workshop`, { phase: "revealed" }, { "If-Match": '"v1"' });
  return created.id;
}
