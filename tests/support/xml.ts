/**
 * A strict little XML reader for tests: elements, attributes and text, refusing what is not well-formed
 * (unclosed or crossed tags, a bare & or <, duplicate attributes, a second root). No dependency needed.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([^;&<\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`A bare & in "${text.slice(0, 40)}"`);
    if (name in entities) return entities[name] as string;
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (/^#[0-9]+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    throw new Error(`Unknown entity &${name};`);
  });
}

export function parseXml(source: string): XmlElement {
  const body = source.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const token = /<\/?([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  let position = 0;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    position = token.lastIndex;
    const [whole, name, attributeText, selfClosing, text, stray] = match;
    if (stray) throw new Error(`A bare < at ${match.index}`);
    if (text !== undefined) {
      const parent = stack.at(-1);
      if (!parent) {
        if (text.trim()) throw new Error('Text outside the root element');
        continue;
      }
      parent.text += decode(text);
      continue;
    }
    if (whole.startsWith('</')) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, quoted] of (attributeText ?? '').matchAll(/([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      if ((key as string) in attributes) throw new Error(`Attribute ${key} given twice`);
      attributes[key as string] = decode((quoted as string).slice(1, -1));
    }
    const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error('A second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (position < body.length) throw new Error(`Unreadable XML at ${position}`);
  if (stack.length) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error('No root element');
  return root;
}

export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
