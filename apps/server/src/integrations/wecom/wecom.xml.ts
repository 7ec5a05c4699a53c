/**
 * A small, strict XML reader for WeCom callback bodies: elements, text, CDATA, the five
 * entities; no DTDs, no processing beyond the prolog. Repeated siblings become arrays
 * (WeCom flattens lists, SPEC §9.4), an element without child elements becomes its text.
 */
export type XmlValue = string | XmlObject | XmlValue[];
export type XmlObject = { [name: string]: XmlValue };

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_DEPTH = 32;

/** Parses a document with one root element; returns the root's name and content. */
export function parseXml(text: string): { name: string; value: XmlValue } {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const decode = (s: string) =>
    s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (!(cp >= 1 && cp <= 0x10ffff)) throw new XmlError(`bad character reference ${m}`);
        return String.fromCodePoint(cp);
      }
      const v = ENTITIES[e];
      if (v === undefined) throw new XmlError(`unknown entity ${m}`);
      return v;
    });

  const element = (depth: number): { name: string; value: XmlValue } => {
    if (depth > MAX_DEPTH) throw new XmlError('nested too deeply');
    const open = /^<([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(i));
    if (!open) throw new XmlError(`expected an element at ${i}`);
    const name = open[1]!;
    i += open[0].length;
    if (open[3] === '/') return { name, value: '' };
    let textContent = '';
    const children: [string, XmlValue][] = [];
    for (;;) {
      if (i >= text.length) throw new XmlError(`unclosed <${name}>`);
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) throw new XmlError('unclosed CDATA');
        textContent += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(text.slice(i));
        if (!close || close[1] !== name) throw new XmlError(`mismatched closing tag for <${name}>`);
        i += close[0].length;
        break;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new XmlError('unclosed comment');
        i = end + 3;
      } else if (text[i] === '<') {
        const child = element(depth + 1);
        children.push([child.name, child.value]);
      } else {
        const next = text.indexOf('<', i);
        const chunk = text.slice(i, next < 0 ? text.length : next);
        textContent += decode(chunk);
        i += chunk.length;
      }
    }
    if (children.length === 0) return { name, value: textContent };
    const obj: XmlObject = {};
    for (const [k, v] of children) {
      const prev = obj[k];
      if (prev === undefined) obj[k] = v;
      // an element's value is text or an object, never an array: an array here is a repetition
      else if (Array.isArray(prev)) prev.push(v);
      else obj[k] = [prev, v];
    }
    return { name, value: obj };
  };

  skipSpace();
  if (text.startsWith('<?xml', i)) {
    const end = text.indexOf('?>', i);
    if (end < 0) throw new XmlError('unclosed prolog');
    i = end + 2;
  }
  skipSpace();
  if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!ENTITY', i)) throw new XmlError('DTDs are not accepted');
  const root = element(0);
  skipSpace();
  if (i !== text.length) throw new XmlError('content after the root element');
  return root;
}

/** The text of a child element, or null when absent or not text. */
export function xmlText(obj: XmlValue | undefined, name: string): string | null {
  if (obj === undefined || typeof obj === 'string' || Array.isArray(obj)) return null;
  const v = obj[name];
  return typeof v === 'string' ? v : null;
}

/** A child as a list: absent → [], one → [it], repeated → all (SPEC §9.4 flattening). */
export function xmlList(obj: XmlValue | undefined, name: string): XmlValue[] {
  if (obj === undefined || typeof obj === 'string' || Array.isArray(obj)) return [];
  const v = obj[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
