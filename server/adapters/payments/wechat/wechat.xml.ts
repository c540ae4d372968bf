import { XMLParser } from 'fast-xml-parser';

/**
 * WeChat Pay v2 messages are one flat `<xml>` element of text fields. Values go in CDATA
 * (a literal `]]>` is split across two sections); parsing keeps every value as a string so
 * "0010" stays "0010". fast-xml-parser does not resolve external entities (no XXE).
 */
export function toWechatXml(fields: Readonly<Record<string, string>>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}><![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${k}>`)
    .join('');
  return `<xml>${body}</xml>`;
}

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: true });

export function parseWechatXml(text: string): Record<string, string> | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return undefined;
  }
  const xml = (doc as { xml?: unknown }).xml;
  if (typeof xml !== 'object' || xml === null) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(xml)) {
    if (typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}
