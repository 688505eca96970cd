import type { ProblemCode } from '../core/problems.ts';

/**
 * The 问题类型 column: a few kinds in the notice's own words (「栏目无法打开、
 * 功能无法使用」), not the forty problem codes, so a table row stays one line.
 */
export type ProblemType = '互动功能不可用' | '内容被篡改' | '超期' | '错敏字' | '个人信息未去标识化' | '菜单未开启' | '功能无法使用' | '栏目无法打开';

const tampered = new Set<ProblemCode>(['hijacked', 'hidden-links', 'hidden-iframe', 'script-redirect-offsite']);
const menuOff = new Set<ProblemCode>(['menu-disabled', 'menu-empty']);
/** The account's content: the notice's own words (超期一次, 错敏词). */
const content: Partial<Record<ProblemCode, ProblemType>> = { overdue: '超期', 'sensitive-word': '错敏字', 'personal-data': '个人信息未去标识化' };
const functions = new Set<ProblemCode>([
  'click-timeout',
  'click-bad-reply',
  'click-server-error',
  'material-missing',
  'article-missing',
  'article-deleted',
  'miniprogram-invalid',
  'text-empty',
  'missing-target',
]);

/** Worst first: the order kinds are listed in a row. */
export const problemTypeOrder: readonly ProblemType[] = ['互动功能不可用', '内容被篡改', '超期', '错敏字', '个人信息未去标识化', '菜单未开启', '功能无法使用', '栏目无法打开'];

/** A broken interaction item is named as such whatever broke it: that is what costs the account. */
export function problemType(code: ProblemCode, critical: boolean): ProblemType {
  if (critical) return '互动功能不可用';
  if (content[code]) return content[code];
  if (tampered.has(code)) return '内容被篡改';
  if (menuOff.has(code)) return '菜单未开启';
  return functions.has(code) ? '功能无法使用' : '栏目无法打开';
}
