/**
 * The benchmark's world, derived from a seed alone so the farm process and the
 * benchmark phases build the same one without passing it around: hosts with a
 * service time, the unique URLs on them with what each one does, and the
 * accounts whose menus point at them.
 */
import { Rng } from '../../sandbox/prng.ts';

export interface FarmScale {
  readonly accounts: number;
  /** 15 = 3 menus × 5 sub-items, WeChat's maximum. */
  readonly itemsPerAccount: number;
  readonly hosts: number;
  /** Share of items whose URL another item already uses (1 − unique / items). */
  readonly repeatShare: number;
  /** Multiplies every service time (1 for the real benchmark; the smoke test shrinks it). */
  readonly timeScale: number;
  readonly seed: number;
}

export const fullScale: FarmScale = { accounts: 1000, itemsPerAccount: 15, hosts: 200, repeatShare: 0.3, timeScale: 1, seed: 20_221 };

/** About 500 items, with service times shrunk to a few milliseconds: fast enough for the test suite. */
export const smokeScale: FarmScale = { accounts: 34, itemsPerAccount: 15, hosts: 12, repeatShare: 0.3, timeScale: 0.03, seed: 20_221 };

/**
 * ok: 200 with a page; redirect: 302 to a page on the same host; not-found,
 * server-error: an error page; reset: the connection is destroyed; hang: the
 * request is read and never answered.
 */
export type Fate = 'ok' | 'redirect' | 'not-found' | 'server-error' | 'reset' | 'hang';

export interface HostSpec {
  /** 1-based; the host listens on 127.0.1.<index>. */
  readonly index: number;
  readonly address: string;
  /** Typical time to answer one request. */
  readonly serviceMs: number;
  readonly charset: 'utf-8' | 'gbk';
  /** Distinct page bodies the host serves (its URLs share them). */
  readonly pages: number;
}

export interface UrlSpec {
  readonly host: number;
  /** Path the menu links to; a redirect's target is `/r/<n>.html`. */
  readonly path: string;
  readonly fate: Fate;
  /** Service time of each request a fetch of this URL needs (two for a redirect). */
  readonly serviceMs: readonly number[];
  /** Index into the host's pages. */
  readonly page: number;
}

export interface FarmModel {
  readonly scale: FarmScale;
  readonly hosts: readonly HostSpec[];
  readonly urls: readonly UrlSpec[];
  /** Per account, its items' indices into `urls`. */
  readonly menus: readonly (readonly number[])[];
}

const pagesPerHost = 2;
/** Hosts whose pages many accounts link to (the province's service portals). */
const portalHosts = 4;

/** A rank in [0, n) drawn with weight 1 / (rank + 1): a few pages take most of the links. */
function popularRank(rng: Rng, n: number): number {
  let total = 0;
  for (let r = 0; r < n; r++) total += 1 / (r + 1);
  let pick = (rng.int(0, 1e9) / 1e9) * total;
  for (let r = 0; r < n; r++) {
    pick -= 1 / (r + 1);
    if (pick <= 0) return r;
  }
  return n - 1;
}

/** A standard normal draw (Box–Muller) from the seeded generator. */
function gaussian(rng: Rng): number {
  const u = rng.int(1, 1e6) / 1e6;
  const v = rng.int(0, 1e6) / 1e6;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function hostSpec(rng: Rng, index: number, scale: FarmScale): HostSpec {
  // Median ~80 ms (log-normal spread 0.5), and a tail of 5 % slow hosts at 1–2 s.
  const slow = rng.chance(0.05);
  const serviceMs = slow ? rng.int(1000, 2000) : 80 * Math.exp(0.5 * gaussian(rng));
  return {
    index,
    address: `127.0.1.${index}`,
    serviceMs: Math.round(serviceMs * scale.timeScale),
    charset: rng.chance(0.3) ? 'gbk' : 'utf-8',
    pages: pagesPerHost,
  };
}

function fateOf(rng: Rng): Fate {
  const r = rng.int(0, 9999) / 10_000;
  if (r < 0.01) return 'hang';
  if (r < 0.028) return 'not-found';
  if (r < 0.0355) return 'server-error';
  if (r < 0.04) return 'reset';
  if (r < 0.07) return 'redirect';
  return 'ok';
}

/** Splits `total` over `weights` proportionally, remainders to the largest fractions. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < total; k++) counts[order[k % order.length]!.i]! += 1;
  return counts;
}

export function buildModel(scale: FarmScale): FarmModel {
  const rng = new Rng(scale.seed);
  const hosts = Array.from({ length: scale.hosts }, (_, i) => hostSpec(rng.fork(`host${i + 1}`), i + 1, scale));
  const items = scale.accounts * scale.itemsPerAccount;
  const unique = Math.round(items * (1 - scale.repeatShare));
  // Host sizes vary (a city portal carries many departments' pages), log-normal with spread 0.4.
  const sizeRng = rng.fork('sizes');
  const weights = hosts.map(() => Math.exp(0.4 * gaussian(sizeRng)));
  const perHost = apportion(unique, weights);

  const urls: UrlSpec[] = [];
  hosts.forEach((host, h) => {
    const urlRng = rng.fork(`urls${host.index}`);
    for (let n = 0; n < (perHost[h] ?? 0); n++) {
      const fate = fateOf(urlRng);
      const jitter = (share = 1) => Math.max(1, Math.round(host.serviceMs * share * (0.75 + urlRng.int(0, 500) / 1000)));
      // The 302 comes from the web server's rewrite rules, not the slow application behind it.
      const serviceMs = fate === 'hang' ? [] : fate === 'redirect' ? [jitter(0.05), jitter()] : [jitter()];
      urls.push({ host: host.index, path: `/m/${n}.html`, fate, serviceMs, page: urlRng.int(0, host.pages - 1) });
    }
  });

  // Menus as offices write them: an account links its own site (a run of the host-grouped URLs, so
  // one or two hosts) plus one shared portal (a province 政务服务网), at most 3 sites as WeChat requires.
  // Every URL is linked once; the repeats are the portals' popular pages (weight 1 / rank).
  const portals = rng.fork('portals').shuffle(hosts.map((h) => h.index)).slice(0, portalHosts);
  const portalUrls = portals.map((host) => urls.flatMap((u, i) => (u.host === host ? [i] : [])));
  const pickRng = rng.fork('repeats');
  const menus = Array.from({ length: scale.accounts }, (_, a) => {
    const [from, to] = [Math.floor((a * unique) / scale.accounts), Math.floor(((a + 1) * unique) / scale.accounts)];
    const own = Array.from({ length: to - from }, (_, k) => from + k);
    const portal = pickRng.pick(portalUrls);
    const repeats = Array.from({ length: scale.itemsPerAccount - own.length }, () => portal[popularRank(pickRng, portal.length)] ?? 0);
    return pickRng.shuffle([...own, ...repeats]);
  });
  return { scale, hosts, urls, menus };
}

export type UrlBase = (host: number) => string;

/** `http://127.0.1.<n>:<port>` for each host, once the farm has said its ports. */
export function urlBase(model: FarmModel, ports: readonly number[]): UrlBase {
  return (host) => `http://${model.hosts[host - 1]?.address}:${ports[host - 1]}`;
}

export function urlOf(spec: UrlSpec, base: UrlBase): string {
  return `${base(spec.host)}${spec.path}`;
}

/** Fates a correct checker reports as broken. */
const brokenFates: ReadonlySet<Fate> = new Set(['not-found', 'server-error', 'reset', 'hang']);

/** Ground truth for the sanity checks: a correct checker fails exactly these URLs. */
export function isBroken(url: UrlSpec): boolean {
  return brokenFates.has(url.fate);
}

export interface Limits {
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  readonly timeoutMs: number;
}

/**
 * The floor no scheduler can beat: the busiest host's slot time over its
 * slots, or all slot time over the global slots, whichever is larger, where
 * a URL that never answers holds its slot for one whole timeout (a checker
 * must wait that long before it may call it broken). A hang on a host with
 * few slots lengthens that host's share; hangs spread over many hosts can
 * all wait at once, so they add little. `attemptsPerHang` 2: the floor for a
 * checker that confirms every timeout with a second attempt, as a first sweep
 * does (confirm before blame).
 */
export function lowerBoundMs(model: FarmModel, limits: Limits, attemptsPerHang = 1): number {
  const perHost = new Map<number, number>();
  let all = 0;
  let hangs = false;
  for (const url of model.urls) {
    const slotMs = url.fate === 'hang' ? attemptsPerHang * limits.timeoutMs : url.serviceMs.reduce((a, b) => a + b, 0);
    hangs ||= url.fate === 'hang';
    perHost.set(url.host, (perHost.get(url.host) ?? 0) + slotMs);
    all += slotMs;
  }
  const busiestHost = Math.max(0, ...perHost.values()) / limits.perHostConcurrency;
  return Math.max(busiestHost, all / limits.concurrency, hangs ? limits.timeoutMs : 0);
}
