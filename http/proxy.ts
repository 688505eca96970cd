import http from 'node:http';
import https from 'node:https';
import type { Agents } from 'got';
import { HttpsProxyAgent } from 'hpagent';
import { HttpProxyAgent } from 'http-proxy-agent';

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

const variable = (env: ProxyEnv, name: string): string | undefined =>
  (env[name.toLowerCase()] ?? env[name.toUpperCase()])?.trim() || undefined;

/** A NO_PROXY entry: `name`, `name:port`, `[v6]`, `[v6]:port` (a bare IPv6 address has no port). */
function parseEntry(entry: string): { name: string; port?: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? '', port: bracketed[2] };
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  return hostPort ? { name: hostPort[1] ?? '', port: hostPort[2] } : { name: entry };
}

/** NO_PROXY: comma/space separated; `*` = everything; `zlt.gov.cn`, `.zlt.gov.cn` and `*.zlt.gov.cn` cover subdomains. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      if (raw === '*') return true;
      const { name, port: entryPort } = parseEntry(raw.toLowerCase().replace(/^\*?\./, ''));
      if (entryPort !== undefined && entryPort !== port) return false;
      return host === name || host.endsWith(`.${name}`);
    });
}

/** `10.1.1.1:3128` is meant as `http://10.1.1.1:3128`, as curl reads it. */
function withScheme(proxy: string): string;
function withScheme(proxy: string | undefined): string | undefined;
function withScheme(proxy: string | undefined): string | undefined {
  return proxy === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/** The proxy URL for `url` from (HTTPS|HTTP)_PROXY / NO_PROXY, lower-case names first as curl does. */
export function proxyFor(url: URL, env: ProxyEnv): string | undefined {
  const proxy = variable(env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (proxy === undefined || bypassesProxy(url, variable(env, 'no_proxy'))) return undefined;
  return withScheme(proxy);
}

/** The proxies and exceptions as set, for a client that takes them once for all URLs (the browser); proxyFor reads them per URL. */
export function proxyVariables(env: ProxyEnv): { readonly http?: string; readonly https?: string; readonly noProxy?: string } {
  const http = withScheme(variable(env, 'http_proxy'));
  const https = withScheme(variable(env, 'https_proxy'));
  const noProxy = variable(env, 'no_proxy');
  return { ...(http ? { http } : {}), ...(https ? { https } : {}), ...(noProxy ? { noProxy } : {}) };
}

/** How a URL is reached: got's `agent` option and, if it goes through one, the proxy. */
export interface Route {
  readonly agents: Agents;
  readonly proxy?: string;
}

/**
 * Keep-alive agents for one fetcher: one direct pair, and one per proxy in use,
 * so connections to a host are reused across the URLs of a sweep. Through a
 * proxy, `https://` is tunnelled with CONNECT and `http://` is sent in
 * absolute form (`GET http://host/path`), as browsers and curl do: a standard
 * forward proxy allows CONNECT only to port 443, so tunnelling plain http
 * would fail on most county sites. Credentials in the proxy URL are sent as
 * Proxy-Authorization either way.
 */
export class AgentPool {
  readonly #env: ProxyEnv;
  readonly #http = new http.Agent({ keepAlive: true });
  readonly #https = new https.Agent({ keepAlive: true });
  readonly #httpViaProxy = new Map<string, http.Agent>();
  readonly #httpsViaProxy = new Map<string, https.Agent>();

  constructor(env: ProxyEnv) {
    this.#env = env;
  }

  for(url: URL): Route {
    const proxy = proxyFor(url, this.#env);
    if (url.protocol === 'https:') {
      if (proxy === undefined) return { agents: { https: this.#https } };
      return { agents: { https: cached(this.#httpsViaProxy, proxy, () => new HttpsProxyAgent({ proxy, keepAlive: true })) }, proxy };
    }
    if (proxy === undefined) return { agents: { http: this.#http } };
    return { agents: { http: cached(this.#httpViaProxy, proxy, () => new HttpProxyAgent(proxy, { keepAlive: true })) }, proxy };
  }

  destroy(): void {
    for (const agent of [this.#http, this.#https, ...this.#httpViaProxy.values(), ...this.#httpsViaProxy.values()]) agent.destroy();
  }
}

function cached<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
