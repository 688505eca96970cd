/**
 * The whole sandbox in one call: the world, the simulated WeChat API and the
 * site farm on 127.0.0.1, plus what a config needs to point the product at
 * them (host → IP answers, account entries, secrets) and what it must find.
 */
import { loopback } from './listen.ts';
import { inventoryButtons, type UrlOf } from './menu-shapes.ts';
import type { ItemPlace, Platform, World, WorldAccount } from './model.ts';
import type { ProblemCode } from '../core/problems.ts';
import { startAccountServer, type AccountServer } from './account-server.ts';
import { generateFunctions, type FunctionWorld, type ServerPlan } from './functions.ts';
import { generatePublications } from './publications.ts';
import { startSiteFarm, type SiteFarm } from './site-farm.ts';
import { startWechatApi, type WechatApi } from './wechat-api.ts';
import { defaultSeed, generateWorld } from './world.ts';

export interface SandboxOptions {
  /** Default 2022. */
  readonly seed?: number;
  /** Default 7200, WeChat's. */
  readonly tokenTtlSeconds?: number;
}

/** One entry of menu-patrol.yaml's `accounts`. */
export interface AccountConfig {
  readonly name: string;
  readonly platform: Platform;
  readonly unit: string;
  readonly owners: readonly { readonly name: string; readonly remark: string }[];
  readonly domains: readonly string[];
  readonly appId?: string;
  /** Always `env:NAME`: secrets never go into the file. */
  readonly appSecret?: string;
  /** The 原始ID, for accounts whose server is probed. */
  readonly originalId?: string;
  /** For accounts without API access: the menu written down, in menu/get's `button` shape. */
  readonly menu?: readonly Record<string, unknown>[];
  /** The account's own developer server, for click items. */
  readonly server?: {
    readonly url: string;
    readonly token: string;
    readonly encodingAESKey?: string;
    readonly mode?: ServerPlan['mode'];
    /** A 第三方平台's server: its URL carries $APPID$, its own AppID is the crypto's, safe mode goes without saying. */
    readonly thirdParty?: true;
    readonly appId?: string;
  };
}

export interface ExpectedFinding extends ItemPlace {
  readonly code: ProblemCode;
  /** Null for items that open no page (an empty text reply). */
  readonly url: string | null;
  readonly why: string;
  /** Only a sweep with the browser finds it. */
  readonly seenIn?: 'rendered';
}

export interface TrapFinding extends ItemPlace {
  readonly url: string;
  readonly why: string;
  /** Built by scripts: only a browser can tell that it works. */
  readonly seenIn?: 'rendered';
}

export interface Sandbox {
  readonly world: World;
  readonly api: WechatApi;
  readonly farm: SiteFarm;
  readonly functions: FunctionWorld;
  /** Developer servers by account name. */
  readonly servers: ReadonlyMap<string, AccountServer>;
  /** The config's wechat.apiBase. */
  readonly apiBase: string;
  /** The config's network.resolve: every sandbox host answers on loopback. */
  readonly hosts: Readonly<Record<string, typeof loopback>>;
  readonly accounts: readonly AccountConfig[];
  /** Environment variables the accounts' `env:NAME` secrets refer to. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly expected: readonly ExpectedFinding[];
  readonly traps: readonly TrapFinding[];
  close(): Promise<void>;
}

function accountConfig(a: WorldAccount, urlOf: UrlOf, servers: ReadonlyMap<string, { plan: ServerPlan; url: string }>): AccountConfig {
  const server = servers.get(a.name);
  return {
    name: a.name,
    platform: a.platform,
    unit: a.unit,
    owners: a.owners,
    domains: a.domains,
    ...(a.api ? { appId: a.api.appId, appSecret: `env:${a.api.envName}` } : {}),
    ...(!a.api && a.menu ? { menu: inventoryButtons(a.menu, urlOf) } : {}),
    ...(server
      ? {
          originalId: server.plan.originalId,
          server: {
            token: `env:${server.plan.tokenEnv}`,
            ...(server.plan.mode === 'plain' ? {} : { encodingAESKey: `env:${server.plan.aesKeyEnv}` }),
            ...(server.plan.platformAppId
              ? { url: `${server.url}/$APPID$`, thirdParty: true, appId: server.plan.platformAppId }
              : { url: server.url, mode: server.plan.mode }),
          },
        }
      : {}),
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const world = generateWorld(options.seed ?? defaultSeed);
  const functions = generateFunctions(world);
  const publications = generatePublications(world);
  const started: { close(): Promise<void> }[] = [];
  try {
    const farm = await startSiteFarm(world);
    started.push(farm);
    const urlOf: UrlOf = (link) => farm.url(link);
    const api = await startWechatApi(world, { urlOf, functions, publications, ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}) });
    started.push(api);
    const servers = new Map<string, AccountServer>();
    const planned = new Map<string, { plan: ServerPlan; url: string }>();
    for (const plan of functions.servers) {
      const appId = world.accounts.find((a) => a.name === plan.account)?.api?.appId;
      const cryptoAppId = plan.platformAppId ?? appId;
      const server = await startAccountServer({ token: plan.token, mode: plan.mode, encodingAESKey: plan.encodingAESKey, originalId: plan.originalId, replies: plan.replies, ...(cryptoAppId ? { appId: cryptoAppId } : {}) });
      started.push(server);
      servers.set(plan.account, server);
      planned.set(plan.account, { plan, url: server.url });
    }
    return {
      world,
      api,
      farm,
      functions,
      servers,
      apiBase: api.url,
      hosts: Object.fromEntries(Object.keys(world.sites).map((host) => [host, loopback])),
      accounts: world.accounts.map((a) => accountConfig(a, urlOf, planned)),
      secrets: Object.fromEntries([
        ...world.accounts.flatMap((a) => (a.api ? [[a.api.envName, a.api.secret]] : [])),
        ...functions.servers.flatMap((p) => [[p.tokenEnv, p.token], ...(p.mode === 'plain' ? [] : [[p.aesKeyEnv, p.encodingAESKey]])]),
      ]),
      expected: [...world.expected, ...functions.expected, ...publications.expected].map(({ link, ...e }) => ({ ...e, url: link ? urlOf(link) : null })),
      traps: world.traps.map(({ link, ...t }) => ({ ...t, url: urlOf(link) })),
      async close() {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}
