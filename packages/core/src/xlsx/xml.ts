/**
 * Just enough XML for the parts of a workbook cxprism reads: elements found by local name (any namespace
 * prefix), attributes, text with entities and OOXML's `_xHHHH_` escapes decoded. The parts are machine
 * written, so no DTDs, processing of `<!DOCTYPE>` or external entities: those are never expanded.
 */

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function codePoint(code: number, text: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : text;
}

/**
 * Decodes XML character references and the five predefined entities; unknown entities stay as written.
 *
 * @param text - raw text or attribute value
 * @returns the decoded text
 */
export function decodeXmlText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith("#x")) return codePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith("#")) return codePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES[name] ?? whole;
  });
}

/**
 * Decodes OOXML's escapes for characters XML cannot hold (`_x000D_` is a carriage return; `_x005F_` escapes
 * an underscore that would otherwise start one).
 *
 * @param text - text already XML-decoded
 * @returns the text as the spreadsheet shows it
 */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * The attributes of a start tag's text (`r="A1" t="s"`), decoded; prefixes dropped (`r:id` is `id`).
 *
 * @param source - the text between the element name and `>`
 * @returns the attributes by local name
 */
export function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = match[1]!;
    const local = name.slice(name.indexOf(":") + 1);
    attributes.set(local, decodeXmlText(match[2] ?? match[3] ?? ""));
  }
  return attributes;
}

/** One element found by {@link findElements}: its attributes' source and its inner XML (empty when self-closing). */
export interface XmlElement {
  readonly attributes: string;
  readonly inner: string;
}

/**
 * Finds every element of one local name (with or without a namespace prefix) that does not nest inside
 * itself (as rows, cells, shared strings and merge ranges never do), in document order.
 *
 * @param xml - the part's text
 * @param name - the element's local name
 * @returns the elements
 */
export function* findElements(xml: string, name: string): Generator<XmlElement> {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`,
    "g",
  );
  for (const match of xml.matchAll(pattern)) yield { attributes: match[1] ?? "", inner: match[2] ?? "" };
}

/**
 * The text of a rich-text container (a shared string `<si>` or an inline `<is>`): every `<t>` run joined,
 * phonetic guides (`<rPh>`, reading aids shown above East Asian text) left out.
 *
 * @param inner - the container's inner XML
 * @returns the decoded text
 */
export function richText(inner: string): string {
  const withoutPhonetics = inner.includes("rPh")
    ? inner.replace(/<(?:[\w.-]+:)?rPh[\s>][\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "")
    : inner;
  let text = "";
  for (const run of findElements(withoutPhonetics, "t")) text += run.inner;
  return decodeOoxmlEscapes(decodeXmlText(text));
}
