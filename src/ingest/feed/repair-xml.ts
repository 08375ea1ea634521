import { decodeHTML } from 'entities';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * sax in strict mode rejects a whole feed for one `&nbsp;` or a bare `&` in a link. HTML named entities
 * become numeric references and stray ampersands are escaped; CDATA sections are left as written.
 */
export function repairXmlEntities(xml: string): { xml: string; repairs: number } {
  let repairs = 0;
  const parts = xml.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i]!.replace(/&([a-zA-Z][a-zA-Z0-9]*);/g, (whole, name: string) => {
      if (XML_ENTITIES.has(name)) return whole;
      repairs++;
      const decoded = decodeHTML(whole);
      if (decoded === whole) return `&amp;${name};`;
      return [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
    }).replace(/&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)/g, () => {
      repairs++;
      return '&amp;';
    });
  }
  return { xml: parts.join(''), repairs };
}
