import { isIP } from 'node:net';
import { proxyFor, proxyVariables, type ProxyEnv } from '../http/proxy.ts';

/** The office's proxy as Chromium takes it: flags at launch, credentials answered per page. */
export interface BrowserProxy {
  /** --proxy-server (http:// and https:// URLs each to their proxy) and --proxy-bypass-list. */
  readonly flags: readonly string[];
  /** Chromium takes no credentials in its flags: they answer the proxy's 407 challenge. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Whether a URL goes through the proxy: its answers then come from the proxy's address, not the site's. */
  proxied(url: URL): boolean;
}

/** Chromium's `scheme://host:port` of a proxy URL, without credentials. */
const server = (proxy: URL) => `${proxy.protocol}//${proxy.host}`;

/**
 * NO_PROXY in Chromium's bypass syntax: our `zlt.gov.cn` (and `.zlt.gov.cn`,
 * `*.zlt.gov.cn`) covers the domain and its subdomains, as curl's does; for
 * Chromium that is two rules. An address is itself only; `*` is every host.
 */
function bypassRules(noProxy: string): string[] {
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((raw) => {
      if (raw === '*') return ['*'];
      const entry = raw.toLowerCase().replace(/^\*?\./, '');
      const address = isIP(entry.replace(/:\d+$/, '')) !== 0 || entry.startsWith('[');
      return address ? [entry] : [entry, `*.${entry}`];
    });
}

/**
 * The same HTTP(S)_PROXY / NO_PROXY as the fetcher (http/proxy.ts), so the
 * browser reaches the sites the way the sweep's requests did: `https://`
 * through CONNECT, `http://` in absolute form. Undefined without a proxy.
 */
export function browserProxy(env: ProxyEnv): BrowserProxy | undefined {
  const vars = proxyVariables(env);
  const http = vars.http === undefined ? undefined : new URL(vars.http);
  const https = vars.https === undefined ? undefined : new URL(vars.https);
  if (!http && !https) return undefined;
  const servers = [...(http ? [`http=${server(http)}`] : []), ...(https ? [`https=${server(https)}`] : [])];
  const withCredentials = [https, http].find((p) => p !== undefined && p.username !== '');
  return {
    flags: [`--proxy-server=${servers.join(';')}`, ...(vars.noProxy ? [`--proxy-bypass-list=${bypassRules(vars.noProxy).join(';')}`] : [])],
    ...(withCredentials
      ? { credentials: { username: decodeURIComponent(withCredentials.username), password: decodeURIComponent(withCredentials.password) } }
      : {}),
    proxied: (url) => proxyFor(url, env) !== undefined,
  };
}
