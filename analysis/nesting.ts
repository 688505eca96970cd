/**
 * A nesting cap in front of the HTML parser. htmlparser2 keeps its stack of
 * open elements with Array#unshift, so every start tag costs the current
 * depth: 200,000 nested <div>s (1 MB, well inside the body cap) took 10–18 s
 * of one core, and since page analysis runs on the event loop, every other fetch
 * of the sweep missed its timers meanwhile. Browsers stop nesting too (Blink
 * at 512: deeper elements become siblings); here, past MAX_DEPTH open
 * elements, the deepest one is closed before the next opens, so the text and
 * links of the page are all kept and its outer containers (hidden ones
 * included) still hold them.
 *
 * The depth is tracked the way htmlparser2 tracks it (implied end tags, void
 * elements, raw-text elements, bogus comments, attribute quoting, end tags
 * closing up to their match, self-closing syntax only in SVG/MathML), so
 * ordinary pages, sloppy ones included, come back unchanged.
 */

/** Twice what Blink nests; real pages stay below 100. */
export const MAX_DEPTH = 1024;

const pTag = new Set(['p']);
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const tableSectionTags = new Set(['thead', 'tbody']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);

/** htmlparser2's openImpliesClose: a start tag closes these while they are on top of the stack. */
const impliesClose = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddtTags],
  ['dt', ddtTags],
  ['rt', rtpTags],
  ['rp', rtpTags],
  ['tbody', tableSectionTags],
  ['tfoot', tableSectionTags],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, formTags] as const),
  ...'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
    .split(' ')
    .map((t) => [t, pTag] as const),
]);

const voidElements = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(' '),
);
const foreignElements = new Set(['math', 'svg']);
const integrationElements = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** Elements whose content is text up to their end tag (htmlparser2's special tags). */
const rawTextElements = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\f' || c === '\r';
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
/** Where a start tag's name ends (whitespace, `/`, `>`) and an end tag's (whitespace, `>`: `</div/>` closes nothing). */
const startName = /[^\t\n\f\r />]*/y;
const endName = /[^\t\n\f\r >]*/y;
const rawTextEnd = new Map([...rawTextElements].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r >]`, 'gi')]));

function nameAt(html: string, at: number, pattern: RegExp): string {
  pattern.lastIndex = at;
  return pattern.exec(html)![0];
}

/**
 * `html` with an end tag for the deepest open element inserted before every
 * start tag that would open element number maxDepth + 1; `html` itself when
 * it never nests that deep. Follows htmlparser2's tokenizer wherever it
 * decides what is markup (comments, declarations, bogus end tags, attribute
 * quoting, raw text): skipping more than the parser does could hide deep
 * nesting from the count.
 */
export function limitDepth(html: string, maxDepth: number = MAX_DEPTH): string {
  const parts: string[] = [];
  let copied = 0;
  const stack: string[] = [];
  const open = new Map<string, number>();
  const foreign: boolean[] = [];
  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    return name;
  };
  /** Index just past the `>` searched from `from`; -1 when the page ends first (the parser then reads no more tags). */
  const past = (target: string, from: number) => {
    const i = html.indexOf(target, from);
    return i === -1 ? -1 : i + target.length;
  };

  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at)) {
    const next = html[at + 1];
    if (next === '!') {
      if (html.startsWith('<!--', at)) {
        // The dashes of "<!--" count towards "-->": "<!-->" and "<!--->" are whole comments.
        at = past('-->', at + 2);
      } else if (html[at + 2] === '-') {
        // "<!-x": a declaration whose "x" is already read.
        at = past('>', at + 4);
      } else if (html[at + 2] === '[') {
        let k = 0;
        while (k < 6 && html[at + 3 + k] === 'CDATA['[k]) k += 1;
        at = k === 6 ? past(']]>', at + 9) : past('>', at + 3 + k);
      } else {
        at = past('>', at + 3);
      }
      if (at === -1) break;
      continue;
    }
    if (next === '?') {
      at = past('>', at + 2);
      if (at === -1) break;
      continue;
    }
    if (next === '/') {
      let j = at + 2;
      while (isWs(html[j])) j += 1;
      if (html[j] === '>') {
        at = j + 1;
        continue;
      }
      if (!isAlpha(html[j])) {
        // A bogus comment ("</3", "</<"): its first character is already read.
        at = past('>', j + 1);
        if (at === -1) break;
        continue;
      }
      const name = nameAt(html, j, endName).toLowerCase();
      at = past('>', j + name.length);
      if (at === -1) break;
      if (foreignElements.has(name) || integrationElements.has(name)) foreign.pop();
      if (voidElements.has(name)) continue;
      if ((open.get(name) ?? 0) > 0) while (pop() !== name);
      continue;
    }
    if (!isAlpha(next)) {
      // "a < b": text, and the next character is read again (it may start a tag).
      at += 1;
      continue;
    }

    const tagStart = at;
    const name = nameAt(html, at + 1, startName).toLowerCase();
    const tag = startTagEnd(html, at + 1 + name.length);
    if (tag.end === -1) break;
    at = tag.end + 1;
    const closes = impliesClose.get(name);
    if (closes) while (stack.length > 0 && closes.has(stack.at(-1)!)) pop();
    if (!voidElements.has(name)) {
      if (stack.length >= maxDepth) {
        // Close the deepest element first, as the parser will on reading the inserted end tag.
        const deepest = pop();
        if (foreignElements.has(deepest) || integrationElements.has(deepest)) foreign.pop();
        parts.push(html.slice(copied, tagStart), `</${deepest}>`);
        copied = tagStart;
      }
      push(name);
      if (foreignElements.has(name)) foreign.push(true);
      else if (integrationElements.has(name)) foreign.push(false);
      if (tag.selfClosing && foreign.at(-1) === true) pop();
    }
    // "<script/>" leaves the tokenizer in markup mode even where the element stays open.
    const rawEnd = tag.selfClosing ? undefined : rawTextEnd.get(name);
    if (rawEnd) {
      // No tags until the end tag; without one the rest of the page is text.
      rawEnd.lastIndex = at;
      const close = rawEnd.exec(html);
      if (!close) break;
      at = close.index;
    }
  }
  if (parts.length === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}

/**
 * Where a start tag ends, by htmlparser2's attribute states: quotes count only
 * where a value starts, an unquoted value may end in "/", and "/" then
 * whitespace then ">" still self-closes. end is -1 when the page ends first.
 */
function startTagEnd(html: string, from: number): { end: number; selfClosing: boolean } {
  if (html[from] === '>') return { end: from, selfClosing: false }; // most tags: "<p>"
  type State = 'beforeName' | 'selfClosing' | 'name' | 'afterName' | 'beforeValue' | 'unquoted';
  let state: State = 'beforeName';
  for (let i = from; i < html.length; i += 1) {
    const c = html[i];
    switch (state) {
      case 'beforeName':
        if (c === '>') return { end: i, selfClosing: false };
        if (c === '/') state = 'selfClosing';
        else if (!isWs(c)) state = 'name';
        break;
      case 'selfClosing':
        if (c === '>') return { end: i, selfClosing: true };
        if (!isWs(c)) {
          state = 'beforeName';
          i -= 1;
        }
        break;
      case 'name':
        if (c === '=' || c === '/' || c === '>' || isWs(c)) {
          state = 'afterName';
          i -= 1;
        }
        break;
      case 'afterName':
        if (c === '=') state = 'beforeValue';
        else if (c === '/' || c === '>') {
          state = 'beforeName';
          i -= 1;
        } else if (!isWs(c)) state = 'name';
        break;
      case 'beforeValue':
        if (c === '"' || c === "'") {
          i = html.indexOf(c, i + 1);
          if (i === -1) return { end: -1, selfClosing: false };
          state = 'beforeName';
        } else if (!isWs(c)) {
          state = 'unquoted';
          i -= 1;
        }
        break;
      case 'unquoted':
        if (c === '>' || isWs(c)) {
          state = 'beforeName';
          i -= 1;
        }
        break;
    }
  }
  return { end: -1, selfClosing: false };
}
