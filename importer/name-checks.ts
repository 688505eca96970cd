import { fold } from '../analysis/fold.ts';
import { strongTerms } from '../analysis/hijack-terms.ts';

/**
 * Names that cannot be an account's real name. The office's own copy of the
 * 2022 Q2 notice came from a hijacked mirror: two names were replaced by a
 * betting slogan and one lost a character. Such a name must be corrected by a
 * person, never guessed.
 */
export function nameDamage(name: string): string | null {
  if (/[_?？□■�*＊]/.test(name)) return '里有“_”“?”之类的占位符，像是缺了字';
  if (/^[（(【[]/.test(name)) return '是一段括号里的说明，不是账号名称';
  // strongTerms is a global regex: a fresh copy keeps lastIndex from leaking between calls.
  if (new RegExp(strongTerms.source).test(fold(name))) return '里有博彩、色情词语，像是从被篡改的网页上复制来的';
  return null;
}
