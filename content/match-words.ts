/**
 * Find the dictionary's wrong forms in a text, Aho–Corasick over the folded
 * text (modern-ahocorasick: every occurrence, overlaps included, as UTF-16
 * ranges), then: matches inside an ignored phrase are dropped, and a match
 * lying inside a longer match is dropped (中华人民共合国 says more than 共合国).
 */
import AhoCorasick from 'modern-ahocorasick';
import type { Dictionary, WordEntry } from './dictionary.ts';
import { foldForMatching, originalRange, type FoldedText } from './match-text.ts';

export interface WordHit {
  readonly entry: WordEntry;
  /** Offsets in the original text, UTF-16, end exclusive. */
  readonly start: number;
  readonly end: number;
}

type Pattern = { readonly kind: 'word'; readonly entry: WordEntry } | { readonly kind: 'ignore' };

interface Range {
  readonly start: number;
  readonly end: number;
}

const inside = (a: Range, b: Range) => a.start >= b.start && a.end <= b.end;

export class WordMatcher {
  readonly #dictionary: Pick<Dictionary, 'words' | 'ignores'>;
  #automaton: AhoCorasick<Pattern> | undefined;

  constructor(dictionary: Pick<Dictionary, 'words' | 'ignores'>) {
    this.#dictionary = dictionary;
  }

  /** Built at the first scan: folding the words loads OpenCC's tables, which a sweep without articles never needs. */
  get #built(): AhoCorasick<Pattern> {
    const { words, ignores } = this.#dictionary;
    this.#automaton ??= new AhoCorasick<Pattern>([
      ...words.map((entry) => ({ pattern: foldForMatching(entry.wrong).text, data: { kind: 'word' as const, entry } })),
      ...ignores.map((g) => ({ pattern: foldForMatching(g.phrase).text, data: { kind: 'ignore' as const } })),
    ]);
    return this.#automaton;
  }

  /** Hits in a text as written (traditional, full-width and all), sorted by position. */
  scan(original: string): WordHit[] {
    return this.scanFolded(foldForMatching(original));
  }

  scanFolded(folded: FoldedText): WordHit[] {
    const matches = this.#built.search(folded.text);
    const ignored = matches.filter((m) => m.data?.kind === 'ignore');
    const words = matches.flatMap((m) => (m.data?.kind === 'word' && !ignored.some((g) => inside(m, g)) ? [{ ...m, entry: m.data.entry }] : []));
    const kept = words.filter((m) => !words.some((o) => o !== m && inside(m, o) && o.end - o.start > m.end - m.start));
    return kept
      .map((m) => ({ entry: m.entry, ...originalRange(folded, m.start, m.end) }))
      .sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
