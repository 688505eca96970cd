/** What every phase needs: the request it runs, the bench config, and CPU/memory measurement. */
import { readFile } from 'node:fs/promises';
import type { Config } from '../../config/load.ts';
import { buildModel, urlBase, urlOf, type FarmModel, type FarmScale, type UrlBase } from '../farm/model.ts';

export type PhaseName = 'config' | 'polite' | 'unrestricted' | 'polite15' | 'unrestricted15' | 'repeat' | 'linkinator' | 'analysis' | 'demo' | 'render';

/** The product's default timeout (config network.timeoutMs): the 15 s phases sweep at it. */
export const defaultTimeoutMs = 15_000;

export interface PhaseRequest {
  readonly phase: PhaseName;
  readonly scale: FarmScale;
  readonly ports: readonly number[];
  readonly timeoutMs: number;
  /** The bench config, validated once by the runner (see benchConfigSource) and saved as JSON. */
  readonly configFile: string;
  /** Sweeps recorded into one store to measure its growth (polite phase; 0 = skip). */
  readonly storeRuns: number;
}

export interface PhaseWorld {
  readonly model: FarmModel;
  readonly base: UrlBase;
  /** Every unique URL, in model order. */
  readonly urls: readonly string[];
}

export function phaseWorld(request: PhaseRequest): PhaseWorld {
  const model = buildModel(request.scale);
  const base = urlBase(model, request.ports);
  return { model, base, urls: model.urls.map((u) => urlOf(u, base)) };
}

/** Item names: a few read as interaction items, so critical marking runs as it does for real. */
const menuNames = ['政务公开', '办事服务', '互动交流'];
const itemNames = ['机构概况', '政策文件', '通知公告', '办事指南', '在线咨询', '领导信箱', '便民查询', '新闻动态', '公示公告', '留言板'];

export const politeLimits = { concurrency: 32, perHostConcurrency: 2 };

/**
 * The config an office would write for these accounts: inventory menus, each
 * account with its own domain, the default politeness.
 */
export function benchConfigSource(world: PhaseWorld, timeoutMs: number): string {
  const { model, base } = world;
  const accounts = model.menus.map((menu, a) => ({
    name: `基准账号${String(a + 1).padStart(4, '0')}`,
    platform: 'wechat-subscription',
    unit: `基准市第${a + 1}单位`,
    domains: [`u${a + 1}.bench.gov.cn`],
    menu: menuNames.map((name, m) => ({
      name,
      sub_button: menu.slice(m * 5, m * 5 + 5).map((url, i) => ({
        type: 'view',
        name: itemNames[(a + m * 5 + i) % itemNames.length],
        url: urlOf(model.urls[url]!, base),
      })),
    })),
  }));
  return JSON.stringify({ network: { allowPrivateAddresses: true, timeoutMs, ...politeLimits }, accounts });
}

/**
 * The validated config. Sweep phases read it as JSON so their memory figures
 * are the sweep's: parsing 1,000 accounts of YAML is measured on its own
 * (the config phase). The bench config holds no secrets, so JSON keeps it whole.
 */
export async function loadBenchConfig(request: PhaseRequest): Promise<Config> {
  const config = JSON.parse(await readFile(request.configFile, 'utf8')) as Config;
  // The phases at the default timeout share the config file; the request says which timeout applies.
  return { ...config, network: { ...config.network, timeoutMs: request.timeoutMs } };
}

export interface Measured<T> {
  readonly result: T;
  readonly wallMs: number;
  /** User + system CPU of this process during the work. */
  readonly cpuS: number;
}

export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuS: (used.user + used.system) / 1e6 };
}

/** Peak resident memory of this process so far. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
