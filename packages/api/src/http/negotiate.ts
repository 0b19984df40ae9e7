import { ApiError } from "./problem.js";

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const [range = "", ...parameters] = part.split(";").map((piece) => piece.trim());
      const [type = "", subtype = ""] = range.toLowerCase().split("/");
      const q = parameters.find((parameter) => /^q\s*=/i.test(parameter));
      const quality = q === undefined ? 1 : Number(q.split("=")[1]);
      return { type, subtype, quality: Number.isFinite(quality) ? Math.min(1, Math.max(0, quality)) : 0 };
    });
}

/** How specifically a range matches a media type: 2 exact, 1 `type/*`, 0 `*\/*`, -1 not at all. */
function specificity(range: MediaRange, mediaType: string): number {
  const [type, subtype] = mediaType.split("/");
  if (range.type === type && range.subtype === subtype) return 2;
  if (range.type === type && range.subtype === "*") return 1;
  if (range.type === "*" && range.subtype === "*") return 0;
  return -1;
}

/**
 * Picks the response media type from an `Accept` header (RFC 9110 proactive negotiation): each offer takes
 * the quality of the most specific range that matches it; the highest quality wins, ties going to the
 * earlier offer. An absent or empty header accepts the first offer.
 *
 * @param header - the request's `Accept`, or null
 * @param offers - the media types the route can produce, preferred first
 * @returns the chosen media type, or undefined when the client accepts none of them
 */
export function negotiate(header: string | null, offers: readonly string[]): string | undefined {
  if (header === null || header.trim() === "") return offers[0];
  const ranges = parseAccept(header);
  let best: { offer: string; quality: number } | undefined;
  for (const offer of offers) {
    let match: { specificity: number; quality: number } | undefined;
    for (const range of ranges) {
      const level = specificity(range, offer);
      if (level >= 0 && (match === undefined || level > match.specificity))
        match = { specificity: level, quality: range.quality };
    }
    if (match !== undefined && match.quality > 0 && (best === undefined || match.quality > best.quality))
      best = { offer, quality: match.quality };
  }
  return best?.offer;
}

/**
 * Like {@link negotiate}, but answers 406 naming what the route can produce when nothing fits.
 *
 * @param request - the request
 * @param offers - the media types the route can produce, preferred first
 * @returns the chosen media type
 * @throws {@link ApiError} `not-acceptable`
 */
export function negotiateOrThrow(request: Request, offers: readonly string[]): string {
  const header = request.headers.get("Accept");
  const chosen = negotiate(header, offers);
  if (chosen === undefined)
    throw new ApiError(
      "not-acceptable",
      `expected an Accept header that allows one of ${offers.join(", ")}, received "${header}"`,
    );
  return chosen;
}
