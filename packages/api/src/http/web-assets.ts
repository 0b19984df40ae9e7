/** One built file of the web app, in memory. */
export interface WebAsset {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
}

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  json: "application/json",
  woff2: "font/woff2",
};

/**
 * The media type of a built file by its extension.
 *
 * @param path - the file's path
 * @returns the media type (`application/octet-stream` when unknown)
 */
export function contentTypeOf(path: string): string {
  return TYPES[path.slice(path.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Serves the workshop app's built files: `/` is `index.html` (revalidated every time, since it names the
 * current bundles), and `/assets/*` carry a content hash in their names, so browsers keep them for a year.
 * The Workers entry gets the same behaviour from wrangler's static assets and `_headers`.
 *
 * @param files - built files by URL path (`/index.html`, `/assets/index-3f2a.js`)
 * @returns a handler answering a GET for a file, or undefined for any other path
 */
export function createWebAssetHandler(
  files: ReadonlyMap<string, WebAsset>,
): (request: Request) => Response | undefined {
  return (request) => {
    const path = new URL(request.url).pathname;
    const asset = files.get(path === "/" ? "/index.html" : path);
    if (asset === undefined || path === "/_headers") return undefined;
    const immutable = path.startsWith("/assets/");
    return new Response(request.method === "HEAD" ? null : asset.body, {
      headers: {
        "Content-Type": asset.contentType,
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        "X-Content-Type-Options": "nosniff",
      },
    });
  };
}
