/**
 * Escapes text for XML content and attribute values. Characters XML 1.0 forbids (control characters other
 * than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF) become U+FFFD, so any
 * initiative name yields a well-formed document.
 *
 * @param text - any text
 * @returns the text with `& < > " '` escaped and forbidden characters replaced
 * @example
 * escapeXml(`R&D <"pilot">`); // "R&amp;D &lt;&quot;pilot&quot;&gt;"
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    )
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
