/**
 * One published article checked for 错敏字 and personal data: every hit with
 * where it is (title or paragraph, offset), the words around it and the
 * suggestion, then turned into one problem per article and kind, the way the
 * notice counts them (审核不严: 1 point per article).
 */
import type { MenuProblem } from '../core/menu-structure.ts';
import { problem, type ProblemCode } from '../core/problems.ts';
import type { WordSeverity } from './dictionary.ts';
import { foldForMatching } from './match-text.ts';
import type { WordMatcher } from './match-words.ts';
import { findPersonalData, type PersonalKind } from './personal-data.ts';
import { articlePath, articlesPlace } from '../core/places.ts';
import { articleParagraphs } from './article-text.ts';

export interface ArticleInput {
  readonly articleId: string;
  readonly title: string;
  readonly url: string;
  readonly publishedAt: string;
  /** The body HTML; empty for an article with no text (a picture post). */
  readonly html: string;
}

export interface Located {
  /** 0 is the title, 1 the first paragraph of the body. */
  readonly paragraph: number;
  /** UTF-16 offset in that paragraph as written. */
  readonly offset: number;
  readonly text: string;
  /** The words around it, the hit in 【】, personal numbers masked. */
  readonly context: string;
}

export interface WordFinding extends Located {
  readonly right: string;
  readonly category: string;
  readonly severity: WordSeverity;
}

export interface PersonalFinding extends Located {
  readonly kind: PersonalKind;
}

export interface ArticleScan {
  readonly articleId: string;
  readonly title: string;
  readonly url: string;
  readonly publishedAt: string;
  readonly words: readonly WordFinding[];
  readonly personal: readonly PersonalFinding[];
}

/** Characters of context on each side: enough to find the spot in the editor. */
const around = 12;

/** Hide the middle digits of personal numbers in place (same length, so offsets still hold). */
function maskDigits(text: string, ranges: readonly { start: number; end: number; keep: number }[]): string {
  // UTF-16 units, as the offsets are: a surrogate half is never a digit, so astral characters are left alone.
  const chars = text.split('');
  for (const r of ranges) {
    const positions = [...Array(r.end - r.start).keys()].map((i) => r.start + i).filter((i) => /\d|X|x/.test(chars[i]!));
    positions.slice(r.keep, -4).forEach((i) => (chars[i] = '*'));
  }
  return chars.join('');
}

function context(text: string, start: number, end: number): string {
  const from = Math.max(0, start - around);
  const to = Math.min(text.length, end + around);
  return `${from > 0 ? '…' : ''}${text.slice(from, start)}【${text.slice(start, end)}】${text.slice(end, to)}${to < text.length ? '…' : ''}`;
}

export function scanArticle(article: ArticleInput, matcher: WordMatcher | null): ArticleScan {
  const words: WordFinding[] = [];
  const personal: PersonalFinding[] = [];
  [article.title, ...articleParagraphs(article.html)].forEach((text, paragraph) => {
    const folded = foldForMatching(text);
    const people = findPersonalData(folded.text).map((h) => ({
      ...h,
      start: folded.starts[h.start] ?? 0,
      end: folded.ends[h.end - 1] ?? 0,
      keep: h.kind === 'mobile' ? 3 : 6,
    }));
    const safe = maskDigits(text, people);
    for (const p of people) personal.push({ kind: p.kind, paragraph, offset: p.start, text: p.masked, context: context(safe, p.start, p.end) });
    for (const hit of matcher?.scanFolded(folded) ?? []) {
      const { right, category, severity } = hit.entry;
      words.push({ paragraph, offset: hit.start, text: text.slice(hit.start, hit.end), context: context(safe, hit.start, hit.end), right, category, severity });
    }
  });
  return { articleId: article.articleId, title: article.title, url: article.url, publishedAt: article.publishedAt, words, personal };
}

const where = (paragraph: number) => (paragraph === 0 ? '标题' : `第 ${paragraph} 段`);

/** Listed in a message before "等 N 处": a phone screen, the evidence has them all. */
const listed = 5;

function summary(parts: readonly string[]): string {
  return parts.length <= listed ? parts.join('；') : `${parts.slice(0, listed).join('；')} 等 ${parts.length} 处`;
}

function wordsDetail(found: readonly WordFinding[]): string {
  const groups = new Map<string, WordFinding[]>();
  for (const w of found) groups.set(`${w.text}→${w.right}`, [...(groups.get(`${w.text}→${w.right}`) ?? []), w]);
  return summary([...groups.values()].map((g) => `${[...new Set(g.map((w) => where(w.paragraph)))].join('、')}：“${g[0]!.text}”应为“${g[0]!.right}”`));
}

const kindText: Record<PersonalKind, string> = { 'id-number': '身份证号', mobile: '手机号' };

/** One problem per article and kind: sensitive-word, wording-review, personal-data. */
export function articleProblems(scan: ArticleScan): MenuProblem[] {
  const base = { articleId: scan.articleId, title: scan.title, url: scan.url, publishedAt: scan.publishedAt };
  const at = (code: ProblemCode, detail: string, hits: readonly Located[]): MenuProblem => ({
    ...problem(code, detail, { ...base, hits }),
    menu: articlesPlace,
    path: articlePath(scan.title),
  });
  const out: MenuProblem[] = [];
  const fails = scan.words.filter((w) => w.severity === 'fail');
  const warns = scan.words.filter((w) => w.severity === 'warn');
  if (fails.length > 0) out.push(at('sensitive-word', wordsDetail(fails), fails));
  if (warns.length > 0) out.push(at('wording-review', wordsDetail(warns), warns));
  if (scan.personal.length > 0) {
    out.push(at('personal-data', summary(scan.personal.map((p) => `${where(p.paragraph)}：${kindText[p.kind]} ${p.text}`)), scan.personal));
  }
  return out;
}
