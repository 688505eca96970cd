/**
 * Reading inline scripts the way a hijacker writes them: string literals glued
 * with "+", \x/\u escapes, String.fromCharCode, unescape/atob. No evaluation;
 * only constant string expressions are understood.
 */

export interface ScriptRedirect {
  readonly target: string;
  /** Offset of the redirect statement in the script, for the evidence snippet. */
  readonly index: number;
}

export type Cloaking = 'referrer' | 'user-agent';

const redirectStatement =
  /\b(?:(?:window|self|top|parent|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=(?!=)\s*|\blocation\s*\.\s*(?:replace|assign)\s*\(\s*|\bwindow\s*\.\s*navigate\s*\(\s*/g;

/** Constant targets of location assignments, location.replace/assign and window.navigate. */
export function scriptRedirects(js: string): ScriptRedirect[] {
  const redirects: ScriptRedirect[] = [];
  for (const match of js.matchAll(redirectStatement)) {
    const start = match.index + match[0].length;
    const expr = readStringExpression(js, start);
    const target = expr.value ?? (expr.identifier ? variableValue(js, expr.identifier) : null);
    if (target) redirects.push({ target, index: match.index });
  }
  return redirects;
}

/** HTML a script emits with document.write / writeln, concatenated in order. */
export function writtenHtml(js: string): string {
  const parts: string[] = [];
  for (const match of js.matchAll(/\bdocument\s*\.\s*write(?:ln)?\s*\(\s*/g)) {
    const value = readStringExpression(js, match.index + match[0].length).value;
    if (value) parts.push(value);
  }
  return parts.join('');
}

const hideById = [
  /getElementById\(\s*['"]([\w-]+)['"]\s*\)\s*\.\s*style\s*\.\s*(?:display\s*=\s*['"]none|visibility\s*=\s*['"]hidden)/g,
  /\$\(\s*['"]#([\w-]+)['"]\s*\)\s*\.\s*(?:hide\(\s*\)|css\(\s*['"]display['"]\s*,\s*['"]none)/g,
];

/**
 * Ids a script hides as soon as it runs. Statements inside function bodies are
 * ignored: `function closeAd(){…display='none'}` hides a pop-up only when clicked.
 */
export function scriptHiddenIds(js: string): string[] {
  const ids: string[] = [];
  for (const pattern of hideById) {
    for (const match of js.matchAll(pattern)) {
      if (match[1] && braceDepthAt(js, match.index) === 0) ids.push(match[1]);
    }
  }
  return ids;
}

/** Scripts that treat visitors differently by where they came from or what they run: classic cloaking. */
export function cloakingKind(js: string): Cloaking | null {
  if (/document\s*\.\s*referrer/.test(js) && /baidu|sogou|so\.com|sm\.cn|google|bing|360\.cn|toutiao/i.test(js)) {
    return 'referrer';
  }
  if (/navigator\s*\.\s*userAgent/.test(js) && /spider|bot|baidu|sogou/i.test(js)) return 'user-agent';
  return null;
}

function braceDepthAt(js: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (js[i] === '{') depth++;
    else if (js[i] === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

function variableValue(js: string, name: string): string | null {
  const escaped = name.replace(/\$/g, '\\$');
  const declaration = new RegExp(`(?:^|[^\\w$.])${escaped}\\s*=(?!=)\\s*`, 'g');
  for (const match of js.matchAll(declaration)) {
    const value = readStringExpression(js, match.index + match[0].length).value;
    if (value) return value;
  }
  return null;
}

interface Expression {
  readonly value: string | null;
  /** Set when the expression is a bare variable name, so the caller can look its value up. */
  readonly identifier: string | null;
}

/** Reads `'a' + "b" + String.fromCharCode(99) + unescape('%64')` starting at `start`. */
export function readStringExpression(js: string, start: number): Expression {
  const parts: string[] = [];
  let pos = start;
  for (;;) {
    pos = skipSpace(js, pos);
    const term = readTerm(js, pos);
    if (!term) break;
    parts.push(term.value);
    pos = skipSpace(js, term.end);
    if (js[pos] !== '+') break;
    pos++;
  }
  if (parts.length > 0) return { value: parts.join(''), identifier: null };
  const identifier = /^[A-Za-z_$][\w$]*(?=\s*[;)\n}]|\s*$)/.exec(js.slice(start, start + 64).trimStart())?.[0];
  return { value: null, identifier: identifier ?? null };
}

function skipSpace(js: string, pos: number): number {
  while (pos < js.length && /\s/.test(js[pos] ?? '')) pos++;
  return pos;
}

function readTerm(js: string, pos: number): { value: string; end: number } | null {
  const quote = js[pos];
  if (quote === '"' || quote === "'" || quote === '`') return readLiteral(js, pos, quote);
  const call = /^(String\s*\.\s*fromCharCode|unescape|decodeURIComponent|decodeURI|atob)\s*\(\s*/.exec(
    js.slice(pos, pos + 40),
  );
  if (!call) return null;
  const argsStart = pos + call[0].length;
  const close = js.indexOf(')', argsStart);
  if (close === -1) return null;
  const fn = call[1] ?? '';
  if (fn.startsWith('String')) {
    const codes = js.slice(argsStart, close).split(',').map((n) => Number(n.trim()));
    if (codes.some((c) => !Number.isInteger(c) || c < 0 || c > 0x10ffff)) return null;
    return { value: String.fromCodePoint(...codes), end: close + 1 };
  }
  const argQuote = js[argsStart];
  if (argQuote !== '"' && argQuote !== "'") return null;
  const literal = readLiteral(js, argsStart, argQuote);
  if (!literal) return null;
  const end = js.indexOf(')', literal.end);
  if (end === -1) return null;
  return { value: decodeArgument(fn, literal.value), end: end + 1 };
}

function readLiteral(js: string, pos: number, quote: string): { value: string; end: number } | null {
  let value = '';
  for (let i = pos + 1; i < js.length; i++) {
    const char = js[i] ?? '';
    if (char === quote) return { value, end: i + 1 };
    if (quote === '`' && char === '$' && js[i + 1] === '{') return null;
    if (char === '\n' && quote !== '`') return null;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const escape = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\}|([\s\S]))/.exec(js.slice(i + 1, i + 12));
    if (!escape) return null;
    const hex = escape[1] ?? escape[2] ?? escape[3];
    value += hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (simpleEscapes[escape[4] ?? ''] ?? escape[4] ?? '');
    i += escape[0].length;
  }
  return null;
}

const simpleEscapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '', f: '', v: '', '0': '' };

function decodeArgument(fn: string, value: string): string {
  if (fn === 'atob') return Buffer.from(value, 'base64').toString('utf8');
  if (fn.startsWith('decodeURI')) {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  // unescape(): %XX is one Latin-1 character, %uXXXX one UTF-16 unit.
  return value.replace(/%u([0-9a-fA-F]{4})|%([0-9a-fA-F]{2})/g, (_, u: string | undefined, x: string | undefined) =>
    String.fromCharCode(Number.parseInt(u ?? x ?? '0', 16)),
  );
}
