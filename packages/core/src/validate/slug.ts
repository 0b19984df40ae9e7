/**
 * Turns a name in any script into an id: lower case, letters and digits kept, runs of anything else
 * become one `-`. `"Virtual Customer Assistant"` -> `virtual-customer-assistant`,
 * `"Äänipalvelun ohjaus"` -> `äänipalvelun-ohjaus`.
 *
 * @param name - an initiative name
 * @returns the slug, or `""` when the name has no letters or digits
 */
export function slugify(name: string): string {
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 128);
}
