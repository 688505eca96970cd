/**
 * Text normalisation before any pattern matching, so that one simplified,
 * half-width pattern catches 「頁面不存在」, 「ＢＥＴ３６５」 and 「澳​门金沙」 alike.
 */
import { Converter } from 'opencc-js/t2cn';

// Taiwan-standard input covers both the OpenCC and the Taiwan variant characters (為/爲, 裡/裏).
const toSimplified = Converter({ from: 'tw', to: 'cn' });

// Zero-width space/joiners, word joiner, BOM and soft hyphen: invisible, and used to split keywords.
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const fullWidthAscii = /[\uFF01-\uFF5E]/g;

/**
 * Traditional → simplified, full-width ASCII → half-width, ASCII lower-cased,
 * zero-width characters removed, whitespace collapsed. Line breaks survive
 * (as single "\n") because callers use them as block boundaries.
 */
export function fold(text: string): string {
  const halfWidth = text
    .replace(zeroWidth, '')
    .replace(fullWidthAscii, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase();
  return toSimplified(halfWidth)
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/** Letters and digits only: how much a reader actually sees, ignoring punctuation and spacing. */
export function countMeaningful(text: string): number {
  // Deleting the rest is far cheaper than collecting millions of one-character matches.
  return text.replace(/[^\p{L}\p{N}]+/gu, '').length;
}
