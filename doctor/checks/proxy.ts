import { proxyFor } from '../../http/proxy.ts';
import { askProxy, type ProxyAnswer } from '../ask-proxy.ts';
import type { DoctorCheck, DoctorLine } from '../types.ts';

/**
 * The proxies the fetcher would use for menu links: HTTPS_PROXY tunnels with
 * CONNECT to port 443, HTTP_PROXY takes requests in absolute form (see
 * http/proxy.ts). Each is asked for the WeChat API's host, the one outside
 * address every office must reach.
 */
export const proxyCheck: DoctorCheck = {
  needsConfig: true,
  run: async ({ config, env }) => {
    const host = new URL(config.wechat.apiBase).hostname;
    // NO_PROXY decides which sites skip the proxy, not whether the proxy works.
    const proxyEnv = { ...env, no_proxy: undefined, NO_PROXY: undefined };
    const https = proxyFor(new URL(`https://${host}/`), proxyEnv);
    const http = proxyFor(new URL(`http://${host}/`), proxyEnv);
    if (!https && !http) return [{ mark: 'ok', topic: '代理', subject: '', found: '没有设置代理（HTTPS_PROXY、HTTP_PROXY），直接访问网站' }];
    const lines: Promise<DoctorLine>[] = [];
    if (https) {
      const answer = askProxy(new URL(https), { line: `CONNECT ${host}:443 HTTP/1.1`, host: `${host}:443` }, config.network.timeoutMs);
      lines.push(answer.then((a) => judge('HTTPS_PROXY', https, host, a, (status) => status >= 200 && status < 300)));
    }
    if (http) {
      const answer = askProxy(new URL(http), { line: `HEAD http://${host}/ HTTP/1.1`, host }, config.network.timeoutMs);
      // Any answer from the site itself means the proxy passed the request on; 502–504 are the proxy failing to reach it.
      lines.push(answer.then((a) => judge('HTTP_PROXY', http, host, a, (status) => status !== 407 && (status < 502 || status > 504))));
    }
    return Promise.all(lines);
  },
};

function judge(variable: string, proxy: string, host: string, answer: ProxyAnswer, passed: (status: number) => boolean): DoctorLine {
  const url = new URL(proxy);
  // The proxy URL may carry a user name and password: show where it is, never who logs in.
  const line = { topic: '代理', subject: `${variable}（${url.protocol}//${url.host}）` };
  if ('error' in answer) {
    return { ...line, mark: 'fail', found: `连不上代理服务器（${answer.error}）`, fix: `请核对环境变量 ${variable} 里代理的地址和端口，或问单位网管代理是否在运行。` };
  }
  if (answer.status === 407) {
    return {
      ...line,
      mark: 'fail',
      found: '代理要求登录（HTTP 407）',
      fix: `请在环境变量 ${variable} 里写上代理的用户名和密码，例如 http://用户名:密码@代理地址:端口；已经写了的，请核对是否正确。`,
    };
  }
  if (!passed(answer.status)) {
    return { ...line, mark: 'fail', found: `代理不让访问 ${host}（HTTP ${answer.status}）`, fix: `请单位网管在代理上放行 ${host}${variable === 'HTTPS_PROXY' ? ' 的 443 端口' : ''}。` };
  }
  return { ...line, mark: 'ok', found: `可以经代理访问 ${host}` };
}
