import type { DoctorLine } from '../types.ts';

type TokenAnswer = { ok: true } | { ok: false; retryable: boolean; detail: string };

/**
 * The line for a two-way app bot checked by its credentials alone: a token is
 * what both its connection and its sends start from, so getting one is the
 * check. Nothing is sent; the secret is never shown.
 */
export function appTokenLine(
  line: { readonly topic: string; readonly subject: string },
  token: TokenAnswer,
  texts: { readonly ok: string; readonly platform: string; readonly wrongSecret: string },
): DoctorLine {
  if (token.ok) return { ...line, mark: 'ok', found: texts.ok };
  return {
    ...line,
    mark: 'fail',
    found: `取不到访问令牌：${token.detail}`,
    fix: token.retryable ? `连不上${texts.platform}：请检查本机能否访问外网（或代理设置），稍后再试。` : texts.wrongSecret,
  };
}
