/**
 * Text folded for matching (traditional → simplified, full-width → half-width,
 * lower case: analysis/fold.ts) while remembering where each folded unit came
 * from, so a match is reported at its offset in the text the owner wrote.
 */
import { fold } from '../analysis/fold.ts';

export interface FoldedText {
  readonly text: string;
  /** For each UTF-16 unit of `text`: the original offset of the character it came from… */
  readonly starts: readonly number[];
  /** …and the end of that character. */
  readonly ends: readonly number[];
}

// Folding one character at a time keeps the offsets; the cache makes it cheap (a text reuses few characters).
const folded = new Map<string, string>();

function foldChar(char: string): string {
  let out = folded.get(char);
  if (out === undefined) {
    // Whitespace stays a single space, so words on either side of it never join into a match.
    out = /^\s$/u.test(char) ? ' ' : fold(char);
    folded.set(char, out);
  }
  return out;
}

export function foldForMatching(original: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const char of original) {
    const out = foldChar(char);
    text += out;
    for (let i = 0; i < out.length; i++) {
      starts.push(at);
      ends.push(at + char.length);
    }
    at += char.length;
  }
  return { text, starts, ends };
}

/** The original range of folded units [start, end). */
export function originalRange(f: FoldedText, start: number, end: number): { start: number; end: number } {
  return { start: f.starts[start] ?? 0, end: f.ends[end - 1] ?? 0 };
}
