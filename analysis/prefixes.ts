/**
 * Searching a page's whole text for the detectors' phrase patterns without
 * running the pattern at every position. V8 tries each of a pattern's dozens
 * of alternatives wherever the text has one of their first characters, and
 * those (网, 站, 国, 在 …) are everywhere in a government page: the gambling
 * and state patterns over the visible text cost as much as parsing the page.
 * Every match of such a pattern starts with one of a few two-character
 * prefixes (澳门, 网站, 域名 …), found by reading the pattern's source; a scan
 * for those prefixes is a table lookup per character, and the pattern only
 * runs, anchored, where one stands. Positions are visited in order and the
 * anchored pattern at a position finds exactly what the unanchored search
 * finds there, so the matches are the same. A pattern whose prefixes cannot
 * be read (a class, a repetition or a wildcard within its first two
 * characters, a case-insensitive flag) is simply run as it is.
 *
 * Only patterns registered with scanByPrefixes are scanned: where the prefixes
 * are everyday words (网站, 系统, 平台), running the anchored pattern at each
 * costs more than V8's own search, which is fast for a pattern that starts
 * with a short choice. On the farm's pages, the gambling brands and the
 * parking and not-found wording were 2.2, 2.6 and 1.3 times faster scanned;
 * the maintenance and closed-site wording 2 to 3 times slower.
 */

interface Scanner {
  /** Per UTF-16 unit: 1 = starts a two-unit prefix, 2 = a match can be this one unit alone. */
  readonly first: Uint8Array;
  /** Two-unit prefixes as first * 0x10000 + second. */
  readonly pairs: ReadonlySet<number>;
  /** The pattern without g, anchored with y: tried at one position. */
  readonly anchored: RegExp;
}

const scanners = new WeakMap<RegExp, Scanner | null>();
/** Sources of the patterns to scan (any flags: the multiline copies state-page.ts tests with count too). */
const scannedSources = new Set<string>();

/** Marks a pattern as one to search by its prefixes; returns it. */
export function scanByPrefixes(pattern: RegExp): RegExp {
  scannedSources.add(pattern.source);
  return pattern;
}

/** Texts shorter than this are searched with the pattern itself: the table scan would not pay for itself. */
const scannedLength = 512;

/**
 * Every match of a global pattern in `text`, with its index, in order: what text.matchAll(pattern) yields
 * (terms and indexes only).
 */
export function matchesIn(text: string, pattern: RegExp): { term: string; index: number }[] {
  const scanner = text.length >= scannedLength ? scannerFor(pattern) : null;
  if (!scanner) return [...text.matchAll(pattern)].map((m) => ({ term: m[0], index: m.index }));
  const found: { term: string; index: number }[] = [];
  for (let from = 0; from <= text.length; ) {
    const match = nextMatch(scanner, text, from);
    if (!match) break;
    found.push({ term: match[0], index: match.index });
    // As matchAll goes on: after the match, or one further past an empty one (never met: such patterns get no scanner).
    from = match.index + Math.max(1, match[0].length);
  }
  return found;
}

/** Whether `pattern` (flags as given, g ignored) matches anywhere in `text`: pattern.test(text) for a non-global pattern. */
export function matchesAnywhere(text: string, pattern: RegExp): boolean {
  const scanner = text.length >= scannedLength ? scannerFor(pattern) : null;
  if (!scanner) {
    pattern.lastIndex = 0;
    return pattern.test(text);
  }
  return nextMatch(scanner, text, 0) !== null;
}

function nextMatch(scanner: Scanner, text: string, from: number): RegExpExecArray | null {
  const { first, pairs, anchored } = scanner;
  const length = text.length;
  for (let i = from; i < length; i++) {
    const kind = first[text.charCodeAt(i)] ?? 0;
    if (kind === 0) continue;
    if (kind === 1 && (i + 1 >= length || !pairs.has(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1)))) continue;
    anchored.lastIndex = i;
    const match = anchored.exec(text);
    if (match) return match;
  }
  return null;
}

function scannerFor(pattern: RegExp): Scanner | null {
  let scanner = scanners.get(pattern);
  if (scanner === undefined) {
    scanner = buildScanner(pattern);
    scanners.set(pattern, scanner);
  }
  return scanner;
}

function buildScanner(pattern: RegExp): Scanner | null {
  if (!scannedSources.has(pattern.source) || /[iuvs]/.test(pattern.flags)) return null;
  let starts: Set<string>;
  try {
    starts = prefixesOf(pattern.source);
  } catch {
    return null;
  }
  const first = new Uint8Array(0x10000);
  const pairs = new Set<number>();
  for (const start of starts) {
    // An empty prefix: the pattern can match the empty string, anywhere.
    if (start.length === 0) return null;
    const unit = start.charCodeAt(0);
    if (start.length === 1) first[unit] = 2;
    else {
      if (first[unit] !== 2) first[unit] = 1;
      pairs.add(unit * 0x10000 + start.charCodeAt(1));
    }
  }
  return { first, pairs, anchored: new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y') };
}

/** A piece of a pattern: a literal unit, a choice, a sequence, an optional piece, or an assertion (matches nothing). */
type Node =
  | { readonly kind: 'unit'; readonly unit: string }
  | { readonly kind: 'choice'; readonly options: readonly Node[] }
  | { readonly kind: 'sequence'; readonly items: readonly Node[] }
  | { readonly kind: 'optional'; readonly node: Node }
  | { readonly kind: 'empty' }
  /** Anything else (classes, wildcards, repetitions): its prefixes cannot be listed. */
  | { readonly kind: 'unknown' };

/**
 * The strings of two units (or fewer, when a whole match is that short) that every match of the pattern starts with.
 * Throws when a piece it cannot list (a class, a wildcard, a repetition, a back-reference) comes within the first two
 * units of a match.
 */
export function prefixesOf(source: string): Set<string> {
  const parser = { source, at: 0 };
  const node = parseChoice(parser);
  if (parser.at !== source.length) throw new Error(`unbalanced pattern at ${parser.at}`);
  return starts(node, 2);
}

interface ParserState {
  readonly source: string;
  at: number;
}

function parseChoice(p: ParserState): Node {
  const options: Node[] = [parseSequence(p)];
  while (p.source[p.at] === '|') {
    p.at++;
    options.push(parseSequence(p));
  }
  return options.length === 1 ? (options[0] as Node) : { kind: 'choice', options };
}

function parseSequence(p: ParserState): Node {
  const items: Node[] = [];
  while (p.at < p.source.length && p.source[p.at] !== '|' && p.source[p.at] !== ')') {
    let node = parseAtom(p);
    // Quantifiers: "?" (and its lazy "??") keeps the piece optional; any other repetition is not listed.
    const q = p.source[p.at];
    if (q === '?') {
      p.at++;
      if (p.source[p.at] === '?') p.at++;
      node = { kind: 'optional', node };
    } else if (q === '*' || q === '+' || q === '{') {
      p.at++;
      if (q === '{') {
        const close = p.source.indexOf('}', p.at);
        if (close === -1) throw new Error('unclosed repetition');
        p.at = close + 1;
      }
      if (p.source[p.at] === '?') p.at++;
      node = { kind: 'unknown' };
    }
    items.push(node);
  }
  return { kind: 'sequence', items };
}

function parseAtom(p: ParserState): Node {
  const c = p.source[p.at] as string;
  if (c === '(') {
    p.at++;
    let lookaround = false;
    if (p.source[p.at] === '?') {
      const kind = p.source.slice(p.at, p.at + 3);
      if (kind.startsWith('?:')) p.at += 2;
      else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        lookaround = true;
        p.at += 2;
      } else if (kind === '?<=' || kind === '?<!') {
        lookaround = true;
        p.at += 3;
      } else throw new Error(`group ${kind}`);
    }
    const inner = parseChoice(p);
    if (p.source[p.at] !== ')') throw new Error('unclosed group');
    p.at++;
    // A lookahead takes no characters: the match's prefix is what follows it.
    return lookaround ? { kind: 'empty' } : inner;
  }
  if (c === '^' || c === '$') {
    p.at++;
    return { kind: 'empty' };
  }
  if (c === '\\') {
    const e = p.source[p.at + 1] ?? '';
    p.at += 2;
    if (e === 'n') return { kind: 'unit', unit: '\n' };
    if (e === 't') return { kind: 'unit', unit: '\t' };
    // \b and \B take no characters, but whether they hold depends on what stands before: still only an assertion.
    if (e === 'b' || e === 'B') return { kind: 'empty' };
    if (/[a-zA-Z0-9]/.test(e)) return { kind: 'unknown' };
    return { kind: 'unit', unit: e };
  }
  if (c === '[') {
    let i = p.at + 1;
    if (p.source[i] === '^') i++;
    if (p.source[i] === ']') i++;
    while (i < p.source.length && p.source[i] !== ']') i += p.source[i] === '\\' ? 2 : 1;
    p.at = i + 1;
    return { kind: 'unknown' };
  }
  if (c === '.' || c === '*' || c === '+' || c === '?' || c === '{') {
    p.at++;
    return { kind: 'unknown' };
  }
  p.at++;
  return { kind: 'unit', unit: c };
}

/**
 * The strings of `k` units a match of `node` can start with, and shorter ones for whole matches shorter than `k`.
 * A string shorter than `k` is always a whole match of the node, so a sequence goes on after it.
 */
function starts(node: Node, k: number): Set<string> {
  if (k === 0) return new Set(['']);
  switch (node.kind) {
    case 'unit':
      return new Set([node.unit]);
    case 'empty':
      return new Set(['']);
    case 'unknown':
      throw new Error('a piece whose characters cannot be listed');
    case 'optional':
      return new Set(['', ...starts(node.node, k)]);
    case 'choice':
      return new Set(node.options.flatMap((option) => [...starts(option, k)]));
    case 'sequence':
      return sequenceStarts(node.items, 0, k);
  }
}

function sequenceStarts(items: readonly Node[], from: number, k: number): Set<string> {
  if (k === 0 || from === items.length) return new Set(['']);
  const result = new Set<string>();
  for (const head of starts(items[from] as Node, k)) {
    if (head.length === k) result.add(head);
    else for (const rest of sequenceStarts(items, from + 1, k - head.length)) result.add(head + rest);
  }
  return result;
}
