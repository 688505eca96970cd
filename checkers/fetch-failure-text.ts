import { resolveUrl } from '../analysis/domains.ts';
import type { FetchFailure } from '../http/types.ts';

const host = (url: string) => resolveUrl(url)?.hostname ?? url;

const tlsReasons: readonly [RegExp, string][] = [
  [/CERT_HAS_EXPIRED|expired/i, '证书已过期'],
  [/SELF_SIGNED|self[- ]signed/i, '证书是自己签发的，不受信任'],
  [/ALTNAME|HOSTNAME_MISMATCH|does not match/i, '证书上的域名与网址不符'],
  [/UNABLE_TO_|issuer/i, '证书不是受信任的机构签发的'],
];

const connectReasons: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, '服务器拒绝连接'],
  [/ECONNRESET|socket hang up/i, '连接被服务器中断'],
  [/EHOSTUNREACH|ENETUNREACH/, '网络不通'],
  [/compressed body/, '网页内容损坏，无法解压'],
];

/**
 * The fetcher's technical detail ("connect ECONNREFUSED 127.0.0.1:80") stays
 * in the evidence; the message a clerk reads says the same in plain Chinese.
 */
export function fetchFailureText(outcome: FetchFailure): string {
  const seconds = Math.max(1, Math.round(outcome.elapsedMs / 1000));
  const tries = outcome.attempts > 1 ? `，试了 ${outcome.attempts} 次` : '';
  const pick = (reasons: readonly [RegExp, string][], fallback: string) => reasons.find(([re]) => re.test(outcome.detail))?.[1] ?? fallback;
  switch (outcome.error) {
    case 'timeout':
      return `等了 ${seconds} 秒仍未打开${tries}`;
    case 'connect-failure':
      return `${pick(connectReasons, '无法建立连接')}${tries}`;
    case 'dns-failure':
      return `找不到域名 ${host(outcome.finalUrl)}`;
    case 'tls-invalid':
      return pick(tlsReasons, '证书校验失败');
    case 'private-address':
      return `${host(outcome.finalUrl)} 指向内网地址`;
    case 'redirect-loop':
      return `跳转 ${outcome.chain.length} 次后又回到了之前的网址`;
    case 'too-many-redirects':
      return `跳转超过 ${Math.max(outcome.chain.length - 1, 1)} 次`;
    case 'invalid-url':
      return outcome.chain.length > 0 ? `跳转到了无法打开的地址` : '网址格式不对';
    case 'proxy-refused':
      return proxyRefusedNote(outcome);
  }
}

const proxyAdvice = '这不是网站的问题。请政务公开办处理后再巡检。';

/** Not the site's problem but the office's network: what the item's "not checked" note says, and what to do. */
export function proxyRefusedNote(outcome: FetchFailure): string {
  const status = /HTTP (\d{3})/.exec(outcome.detail)?.[1];
  if (status === '407') {
    return `这次没有检查：本机上网用的代理服务器要求登录（HTTP 407），巡检程序没能通过它打开 ${host(outcome.finalUrl)}。${proxyAdvice}做法：在环境变量 HTTP_PROXY / HTTPS_PROXY 里写上代理的用户名和密码，例如 http://用户名:密码@代理地址:端口。`;
  }
  if (status !== undefined) {
    return `这次没有检查：代理服务器拒绝连接 ${host(outcome.finalUrl)}（HTTP ${status}），常见原因是代理只允许访问 443 端口的网站或有访问名单。${proxyAdvice}做法：请网络管理员放行，或把这个网站写进环境变量 NO_PROXY（不经代理直接访问）。`;
  }
  return `这次没有检查：连不上本机上网用的代理服务器（${outcome.detail}）。${proxyAdvice}做法：检查环境变量 HTTP_PROXY / HTTPS_PROXY 里的代理地址，以及代理服务器是否开着。`;
}
