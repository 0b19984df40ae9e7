import {
  type DynaliteApp,
  startAppOnDynalite,
} from "../../packages/api/src/storage/dynalite-app.test-helpers.js";

/** The app on an embedded dynalite, with one owner key `owner` of tenant `t`. */
export type OwnerApp = Pick<DynaliteApp, "app" | "close">;

/**
 * Starts dynalite in-process with a fresh portfolio table and builds the app on it, for tests that call
 * `app.request` as the owner (`Authorization: Bearer owner`).
 *
 * @param table - the table's name
 * @returns the app and a way to stop its store
 */
export function startOwnerApp(table: string): Promise<OwnerApp> {
  return startAppOnDynalite(table, [{ key: "owner", tenant: "t", role: "owner" }]);
}
