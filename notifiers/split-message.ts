/** How a channel counts the size of one message part. */
export interface SizeRules {
  /** Most one part may take: title, lines and framing together. */
  readonly maxBytes: number;
  /** What the channel adds to every part besides title and lines: envelope, heading markup, mentions. */
  readonly framingBytes: number;
  /** What each line adds besides its text: a newline, or a JSON row around it. */
  readonly lineOverheadBytes: number;
  /** Size of some text as the channel counts it. Must add up over concatenation, as UTF-8 and JSON-escaped sizes do. */
  readonly measure: (text: string) => number;
}

export interface MessagePart {
  /** The message title, numbered （i/n） when there is more than one part. */
  readonly title: string;
  readonly lines: readonly string[];
}

/** A part with nothing in it: formatting it measures what a channel adds around title and lines. */
export const emptyPart: MessagePart = { title: '', lines: [] };

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Bytes the text takes inside a JSON string, quotes excluded (escapes make quotes, backslashes and controls longer). */
export const jsonBytes = (text: string): number => Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;

/** Below this a line would be cut into confetti: a title or mention list that leaves so little room is a caller bug. */
const minLineBytes = 64;

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

export function partTitle(title: string, index: number, count: number): string {
  return count > 1 ? `${title}（${index}/${count}）` : title;
}

/**
 * Splits a message into parts that each fit the channel's limit, on line
 * boundaries and in order. Only a line longer than a whole part is cut, and
 * then between characters (grapheme clusters), never inside one.
 * Throws RangeError when the title and framing leave no room for text.
 */
export function splitMessage(title: string, text: string, rules: SizeRules): MessagePart[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const single = chunkLines(lines, rules.maxBytes - rules.framingBytes - rules.measure(title), rules);
  if (single.length === 1) return [{ title, lines: single[0]! }];
  // The numbering takes room too, and its width depends on the count: widen it until the count fits.
  for (let digits = 1; ; digits++) {
    const widest = partTitle(title, 10 ** digits - 1, 10 ** digits - 1);
    const chunks = chunkLines(lines, rules.maxBytes - rules.framingBytes - rules.measure(widest), rules);
    if (chunks.length < 10 ** digits) {
      return chunks.map((chunk, i) => ({ title: partTitle(title, i + 1, chunks.length), lines: chunk }));
    }
  }
}

function chunkLines(lines: readonly string[], budget: number, rules: SizeRules): string[][] {
  const lineBudget = budget - rules.lineOverheadBytes;
  if (lineBudget < minLineBytes) {
    throw new RangeError(`title and mentions leave ${Math.max(lineBudget, 0)} bytes for text, need ${minLineBytes}`);
  }
  const chunks: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const line of lines.flatMap((l) => cutLongLine(l, lineBudget, rules.measure))) {
    const cost = rules.lineOverheadBytes + rules.measure(line);
    if (current.length > 0 && used + cost > budget) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(line);
    used += cost;
  }
  chunks.push(current);
  return chunks;
}

/** A line that fits is kept whole; a longer one is cut into pieces of whole grapheme clusters. */
function cutLongLine(line: string, maxBytes: number, measure: (text: string) => number): string[] {
  if (measure(line) <= maxBytes) return [line];
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const { segment } of graphemes.segment(line)) {
    const size = measure(segment);
    if (piece !== '' && used + size > maxBytes) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += segment;
    used += size;
  }
  pieces.push(piece);
  return pieces;
}

/** A chat answer in pieces of at most `maxBytes` (UTF-8): whole when it fits, else on line boundaries with its first line as each piece's numbered title. */
export function splitReply(text: string, maxBytes: number): string[] {
  if (utf8Bytes(text) <= maxBytes) return [text];
  const [title = '', ...rest] = text.split('\n');
  return splitMessage(title, rest.join('\n'), { maxBytes, framingBytes: 1, lineOverheadBytes: 1, measure: utf8Bytes }).map((part) => [part.title, ...part.lines].join('\n'));
}
