/**
 * Personal data published without de-identification (未做去标识化处理), which
 * 通报 cite: 18-digit resident ID numbers that pass the GB 11643-1999 check
 * digit, and mainland mobile numbers. Masked forms (138****5678) do not match.
 */

export type PersonalKind = 'id-number' | 'mobile';

export interface PersonalHit {
  readonly kind: PersonalKind;
  readonly start: number;
  readonly end: number;
  /** Safe to show and store: the number with its middle hidden. */
  readonly masked: string;
}

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkDigits = '10X98765432';

/** GB 11643: the 18th character is the weighted sum of the first 17 digits mod 11, mapped through 10X98765432. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  const sum = weights.reduce((n, w, i) => n + w * Number(id[i]), 0);
  return checkDigits[sum % 11] === id[17]!.toUpperCase();
}

// Digits on either side mean a longer number (an order or account number), not an ID or a phone.
const idPattern = /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g;
const mobilePattern = /(?<!\d)1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g;

function mask(digits: string, keepStart: number): string {
  return `${digits.slice(0, keepStart)}${'*'.repeat(digits.length - keepStart - 4)}${digits.slice(-4)}`;
}

/** Unmasked ID and mobile numbers in one paragraph (already folded: full-width digits are ASCII). */
export function findPersonalData(text: string): PersonalHit[] {
  const hits: PersonalHit[] = [];
  for (const m of text.matchAll(idPattern)) {
    if (isValidIdNumber(m[0])) hits.push({ kind: 'id-number', start: m.index, end: m.index + m[0].length, masked: mask(m[0].toUpperCase(), 6) });
  }
  for (const m of text.matchAll(mobilePattern)) {
    hits.push({ kind: 'mobile', start: m.index, end: m.index + m[0].length, masked: mask(m[0].replace(/\D/g, ''), 3) });
  }
  return hits.sort((a, b) => a.start - b.start);
}
