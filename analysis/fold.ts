/**
 * Text normalisation before any pattern matching, so that one simplified,
 * half-width pattern catches 「頁面不存在」, 「ＢＥＴ３６５」 and 「澳​门金沙」 alike.
 */
import { hasIdeographicDescription, toSimplified } from './simplify.ts';

/**
 * In one pass: zero-width space/joiners, word joiner, BOM and soft hyphen (invisible, and used to split
 * keywords) go; full-width ASCII becomes ASCII; the ideographic space a space.
 */
function isOdd(unit: number): boolean {
  return (unit >= 0xff01 && unit <= 0xff5e) || unit === 0x3000 || (unit >= 0x200b && unit <= 0x200d) || unit === 0x2060 || unit === 0xfeff || unit === 0x00ad;
}

/**
 * The text with those characters replaced. A loop rather than replace() with a function: Chinese text has a
 * full-width comma or colon every few characters, and a call and a one-character string per match was a
 * hundredth of the analysis.
 */
function plainCharacters(text: string): string {
  let i = 0;
  while (i < text.length && !isOdd(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  const parts: string[] = [];
  let copied = 0;
  for (; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (!isOdd(unit)) continue;
    if (i > copied) parts.push(text.slice(copied, i));
    if (unit === 0x3000) parts.push(' ');
    else if (unit >= 0xff01) parts.push(String.fromCharCode(unit - 0xfee0));
    copied = i + 1;
  }
  if (copied < text.length) parts.push(text.slice(copied));
  return parts.join('');
}

/** Everything fold does except the final trim. */
function normalise(text: string): string {
  const halfWidth = plainCharacters(text).toLowerCase();
  // Same as replacing every /[^\S\n]+/ run by " " and every / ?\n\s*/ by "\n", but the patterns only
  // match where something changes: a page's single spaces and bare line breaks cost no new string.
  return toSimplified(halfWidth)
    .replace(/[^\S\n]{2,}|[^\S\n ]/g, ' ')
    .replace(/ \n\s*|\n\s+/g, '\n');
}

/**
 * Traditional → simplified, full-width ASCII → half-width, ASCII lower-cased,
 * zero-width characters removed, whitespace collapsed. Line breaks survive
 * (as single "\n") because callers use them as block boundaries.
 */
export function fold(text: string): string {
  return normalise(text).trim();
}

/**
 * `texts.map(fold)` in one pass over the texts joined by NUL: a page has
 * hundreds of blocks and links, and per-call overhead dominated. Every step
 * of fold works character by character or on runs that NUL (neither
 * whitespace nor in any OpenCC entry) interrupts, so only the per-text trim
 * is left to do, on the pieces (which share the normalised text's characters).
 */
export function foldEach(texts: readonly string[]): string[] {
  if (texts.length === 0) return [];
  const joined = texts.join('\0');
  // OpenCC reads ideographic description sequences across characters.
  if (hasIdeographicDescription(joined)) return texts.map(fold);
  const folded = normalise(joined)
    .split('\0')
    .map((text) => text.trim());
  // Folding keeps every NUL, so a NUL of the page's own shows as one text too many: it would not split back.
  return folded.length === texts.length ? folded : texts.map(fold);
}

/** Letters and digits only: how much a reader actually sees, ignoring punctuation and spacing. */
export function countMeaningful(text: string): number {
  // Counts UTF-16 units like text.replace(/[^\p{L}\p{N}]+/gu, '').length, without building the string:
  // ASCII and the CJK block are decided inline, other BMP units by the regex once each, astral ones by the regex.
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if ((unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a)) count++;
    } else if (unit >= 0x4e00 && unit <= 0x9fef) {
      count++;
    } else if (unit < 0xd800 || unit > 0xdfff) {
      // Punctuation (「，」「。」「“」) is most of the rest: each BMP unit is asked of the regex once.
      let known = bmpLetterOrNumber[unit] ?? 0;
      if (known === 0) bmpLetterOrNumber[unit] = known = letterOrNumber.test(String.fromCharCode(unit)) ? 1 : 2;
      if (known === 1) count++;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i) ?? unit);
      if (letterOrNumber.test(char)) count += char.length;
      i += char.length - 1;
    }
  }
  return count;
}

const letterOrNumber = /^[\p{L}\p{N}]$/u;
/** Per BMP unit outside surrogates: 0 not asked yet, 1 a letter or digit, 2 not. */
const bmpLetterOrNumber = new Uint8Array(0x10000);
