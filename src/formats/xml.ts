// XML text for GraphML and GEXF: escaped, and without the characters XML 1.0 cannot carry at all
// (C0 controls other than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF).
// Those are dropped rather than escaped, since no character reference may name them either.

// eslint-disable-next-line no-control-regex
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Text safe inside an XML element or a quoted attribute value. */
export function xmlText (value: string): string {
  // Newlines and tabs in attribute values would be normalised to spaces by an XML parser;
  // as character references they survive.
  return value.replace(ILLEGAL_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    .replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')
}

/** ` name="value"` for each defined attribute, escaped. */
export function xmlAttrs (attrs: Record<string, string | number | null | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`).join('')
}
