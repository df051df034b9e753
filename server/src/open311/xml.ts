/** A value of one Open311 field: text, a number, a flag, or nothing (an empty element). */
export type XmlValue = string | number | boolean | null;

// Characters XML 1.0 cannot carry at all, even escaped (control characters, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NAME = /^[a-z_][a-z0-9_]*$/;

function element(name: string, value: XmlValue): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === '') return `<${name}/>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * The spec's list documents: `<services><service>…</service></services>`, `<service_requests><request>…`,
 * `<errors><error>…`. Each item is a flat record of fields in the order given; undefined fields are left out.
 */
export function xmlList(root: string, item: string, items: readonly Record<string, XmlValue | undefined>[]): string {
  const body = items
    .map((fields) => {
      const inner = Object.entries(fields)
        .filter((entry): entry is [string, XmlValue] => entry[1] !== undefined)
        .map(([name, value]) => element(name, value))
        .join('');
      return `<${item}>${inner}</${item}>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body}</${root}>\n`;
}
