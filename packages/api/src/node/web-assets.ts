import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { contentTypeOf, type WebAsset } from "../http/web-assets.js";

/** Where `pnpm --filter @cxprism/web build` writes the app, from this file (src or dist alike). */
export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

/**
 * Reads the web app's built files into memory (they are small), keyed by URL path.
 *
 * @param dir - the build folder (default: `packages/web/dist`)
 * @returns the files, or undefined when the app has not been built
 */
export async function readWebAssets(dir = DEFAULT_WEB_DIR): Promise<Map<string, WebAsset> | undefined> {
  if (!existsSync(join(dir, "index.html"))) return undefined;
  const files = new Map<string, WebAsset>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(dir, path).split(sep).join("/")}`;
    files.set(urlPath, { body: new Uint8Array(await readFile(path)), contentType: contentTypeOf(path) });
  }
  return files;
}
