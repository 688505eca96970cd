import type { ScoringRules } from '../config/schema.ts';
import { placeLabel } from '../core/places.ts';
import { problemCatalog, type ProblemCode } from '../core/problems.ts';

/** Deduction items are worth 100 points in all (国办秘函〔2019〕19号). */
const fullScore = 100;

/** One menu item that failed in the period, however many times and for however many reasons. */
export interface FailingItem {
  readonly menu: string;
  readonly path: readonly string[];
  readonly critical: boolean;
  readonly codes: readonly ProblemCode[];
  /** Not fixed yet. */
  readonly open: boolean;
}

export interface Score {
  readonly deduction: number;
  readonly score: number;
  /** Why the account failed outright, one line per vetoing item. */
  readonly vetoes: readonly string[];
  readonly qualified: boolean;
}

/** Points are per item, not per sweep or per code: a link broken all quarter is still one broken link. */
export function scoreAccount(items: readonly FailingItem[], rules: ScoringRules): Score {
  const deduction = Math.min(fullScore, Math.round(items.length * rules.pointsPerItem * 100) / 100);
  const vetoes = items.flatMap((item) => {
    const why: string[] = [];
    if (rules.vetoCritical && item.critical) why.push('互动功能不可用');
    const vetoing = item.codes.find((c) => rules.vetoProblems.includes(c));
    if (vetoing) why.push(problemCatalog[vetoing].title);
    return why.length > 0 ? [`${placeLabel(item)}：${why.join('；')}`] : [];
  });
  const score = fullScore - deduction;
  return { deduction, score, vetoes, qualified: vetoes.length === 0 && score >= rules.passLine };
}

/** The rules in plain words, printed with every report so a reader knows how 合格 was decided. */
export function describeRules(rules: ScoringRules): string[] {
  const lines = [
    `每个打不开或不能用的菜单项扣 ${rules.pointsPerItem} 分（同一菜单项本期多次发现或有几种问题，只扣一次）。`,
    `每篇有错敏字的文章（审核不严）、每篇有未遮盖个人信息的文章各扣 ${rules.pointsPerItem} 分；本期超期未更新的账号（超期）扣 ${rules.pointsPerItem} 分。`,
  ];
  if (rules.vetoCritical) lines.push('互动类菜单项（留言、咨询、信箱、投诉等）打不开或不能用，单项否决，直接判为不合格。');
  if (rules.vetoProblems.length > 0) lines.push(`出现以下问题之一，单项否决：${rules.vetoProblems.map((c) => problemCatalog[c].title).join('；')}。`);
  lines.push(`满分 ${fullScore} 分，低于 ${rules.passLine} 分为不合格${rules.passLine === fullScore ? '，即有扣分就不合格（与季度通报的做法相同）' : ''}。`);
  lines.push('需要人工确认的情况（如网站防火墙拦截了巡检程序）不扣分，也不列入明细。');
  lines.push('一年内有 2 个及以上季度不合格的账号单独列出：按通报要求，通报 2 次以上不合格的，年末考核扣除政务新媒体分值。');
  return lines;
}
