import { isAbsolute } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import cron from 'node-cron';
import { defaultCriticalKeywords } from '../core/critical.ts';
import { problemCodes, type ProblemCode } from '../core/problems.ts';
import { channelSchema, channelSchemas, personIdFields } from '../notifiers/registry.ts';
import { isTimeZone } from '../core/time.ts';
import { httpUrl, listenAddress, secretRef, text } from './fields.ts';

/**
 * The shape of menu-patrol.yaml. Objects are strict: a misspelt key is an
 * error, not a silently ignored setting. Secrets are strings here (`env:NAME`);
 * load.ts turns them into Secret values.
 */


const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, '应为域名，例如 zlt.gov.cn');

const ip = z.string().refine((v) => ipaddr.isValid(v), '应为 IP 地址，例如 127.0.0.1');


const network = z
  .strictObject({
    allowPrivateAddresses: z.boolean().default(false),
    timeoutMs: z.int().min(500).max(120_000).default(15_000),
    concurrency: z.int().min(1).max(512).default(32),
    perHostConcurrency: z.int().min(1).max(64).default(2),
    maxRedirects: z.int().min(0).max(30).default(10),
    retries: z.int().min(0).max(5).default(2),
    /** First wait before re-checking a link that failed in a way that may pass (timeout, 5xx, 429); doubles. */
    retryDelayMs: z.int().min(0).max(60_000).default(1000),
    userAgent: text.optional(),
    resolve: z.record(hostname, ip).default({}),
  })
  .prefault({});

const wechat = z
  .strictObject({
    apiBase: httpUrl.default('https://api.weixin.qq.com'),
    /** The openid menu-patrol's simulated taps come from: filter it out of the account's statistics. */
    probeOpenId: text.default('o_menu-patrol_self-check'),
  })
  .prefault({});

const checks = z
  .strictObject({
    /** Menu names that mark an interaction item (critical: a failure there risks a single veto). */
    criticalKeywords: z.array(text).min(1).default([...defaultCriticalKeywords]),
  })
  .prefault({});

/**
 * The browser that renders script-built pages and takes evidence screenshots.
 * Without executablePath, the Chromium shipped in the @sparticuz/chromium package is used.
 */
const browser = z
  .strictObject({
    /** false: never render; script-built pages are then reported as not checked. */
    enabled: z.boolean().default(true),
    /** A system Chrome/Chromium to use instead of the bundled one. */
    executablePath: text.refine((v) => isAbsolute(v), '应为浏览器程序的完整路径，例如 /usr/bin/chromium').optional(),
    /** Hard time box for one page, from navigation to screenshot. */
    pageTimeoutMs: z.int().min(2000).max(120_000).default(15_000),
    /** The browser is restarted when its processes together use more memory than this (MB). */
    memoryCapMb: z.int().min(256).max(16_384).default(1536),
    /** Pages rendered per sweep at most; the rest are reported as not rendered. */
    maxPages: z.int().min(0).max(100_000).default(300),
    /** Seconds of rendering per sweep at most. */
    maxSeconds: z.int().min(0).max(86_400).default(600),
  })
  .prefault({});

const cronExpression = z.string().trim().refine((v) => cron.validate(v), '应为 cron 表达式，例如 "30 8 * * *"（每天 8:30）');
const clockTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 24 小时制时间，例如 08:30');

/** What a job sweeps: every account, some by name, or a random sample (the spot checks). */
const targets = z.union([z.literal('all'), z.array(text).min(1), z.strictObject({ sample: z.int().min(1) })]).default('all');

const schedule = z
  .strictObject({
    /** The daily patrol (cron, office time zone); false turns it off. */
    dailyPatrol: z.union([cronExpression, z.literal(false)]).default('30 8 * * *'),
    /** The month-end full check, at this time on the last day of each month; false turns it off. */
    monthEnd: z.union([clockTime, z.literal(false)]).default('16:00'),
    /** Sweeps may run at night; messages wait until `to`. false: no quiet hours. */
    quietHours: z.union([z.strictObject({ from: clockTime, to: clockTime }), z.literal(false)]).default({ from: '22:00', to: '08:00' }),
    jobs: z.array(z.strictObject({ name: text, cron: cronExpression, accounts: targets })).default([]),
  })
  .prefault({});

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期，例如 2026-12-15').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '不是有效的日期');

const inspection = z.strictObject({
  name: text,
  date: z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]),
  accounts: z.union([z.literal('all'), z.array(text).min(1)]).default('all'),
  /** Days before the inspection with a sweep and reminders to owners. */
  remindDays: z.array(z.int().min(1).max(60)).min(1).default([14, 7, 3, 1]),
});

/**
 * How reports score an account (国办秘函〔2019〕19号 and the county's quarterly notice):
 * a single veto fails it outright, otherwise each failing menu item costs points off 100.
 */
const scoring = z
  .strictObject({
    /** Points off per failing menu item: the notice takes one point per problem found. */
    pointsPerItem: z.number().positive().max(100).default(1),
    /** A broken interaction item (留言、咨询、信箱…) fails the account: 「未提供有效互动功能」 is a single-veto item. */
    vetoCritical: z.boolean().default(true),
    /** Problems that fail the account outright: linking gambling or porn content is a 安全 single veto. */
    vetoProblems: z.array(z.enum(problemCodes as [ProblemCode, ...ProblemCode[]])).default(['hijacked', 'hidden-links', 'hidden-iframe', 'script-redirect-offsite']),
    /** Lowest passing score out of 100. 100: any deduction fails, as the county's notice does; the national line is 60. */
    passLine: z.number().min(0).max(100).default(100),
  })
  .prefault({});

/**
 * The account's content (国办秘函〔2019〕19号: 「监测时间点前2周内无更新」 is a single veto;
 * 错敏字 cost points as 审核不严). Offices stricter than the national rule set 7 or 10 days.
 */
const content = z
  .strictObject({
    /** More days than this since the last update is 超期. */
    overdueDays: z.int().min(1).max(365).default(14),
    /** Owners are warned this many days before an account becomes overdue; 0: no warning. */
    dueSoonDays: z.int().min(0).max(60).default(3),
    /** Articles published in the last N days are scanned for wrong and sensitive words and personal data. */
    recentDays: z.int().min(1).max(90).default(14),
    /** The office's 错敏词 dictionary (YAML, relative to this config file); default: the starter dictionary shipped with menu-patrol. */
    dictionary: text.optional(),
  })
  .prefault({})
  .refine((c) => c.dueSoonDays < c.overdueDays, { path: ['dueSoonDays'], message: 'dueSoonDays 要小于 overdueDays' });

const person = z.strictObject({
  name: text,
  /** The 备注 the bot's WeChat has for this person: identity survives restarts, session ids do not. */
  remark: text.optional(),
  /** Send this person's messages through a webhook channel (by its name) instead of the bot's WeChat. */
  channel: text.optional(),
  /** Channels to use, in order, while `channel` stays down longer than bot.rerouteAfterMinutes. */
  fallbackChannels: z.array(text).optional(),
  /** The person's id on each kind of channel (`dingtalk: { mobile: "138…" }`), so group robots can @ them. */
  ...personIdFields,
});
const owner = person;

const bot = z
  .strictObject({
    /** Office staff who may run every command and receive the summaries and escalations. */
    admins: z.array(person).default([]),
    /** Topic of the work group where staff @ the bot and summaries go. */
    workGroup: text.optional(),
    /** Where admin summaries go instead of the work group (a channel name). */
    adminChannel: text.optional(),
    /** Wechaty's session file (memory card), so a restart needs no new QR scan; default: menu-patrol-bot beside the data file. */
    session: text.optional(),
    /** Gap between two outgoing messages (ms), random in [min, max]: bursts get WeChat accounts limited. */
    messageGapMs: z.strictObject({ min: z.int().min(0), max: z.int().min(0) }).default({ min: 3000, max: 5000 }),
    /** An unchanged problem is repeated to its owner at most this often… */
    reminderEveryHours: z.number().positive().default(24),
    /** …this many times, then the admins are told instead. */
    maxReminders: z.int().min(0).default(3),
    /** Commands one person may send per minute before the bot asks them to slow down. */
    commandsPerMinute: z.int().min(1).default(6),
    /** A channel down this long: its queued messages go through each person's fallbackChannels, and the admins are told. */
    rerouteAfterMinutes: z.number().positive().default(30),
  })
  .prefault({});

const appId = z
  .string()
  .trim()
  .regex(/^wx[0-9a-f]{16}$/i, '应为 wx 开头、共 18 位的 AppID');

/**
 * The account's developer server, as 公众平台“基本配置” shows it. When a
 * 第三方平台 hosts it, pushes are signed and encrypted with the platform's
 * Token and key, and the ciphertext carries the platform's AppID.
 */
const server = z.strictObject({
  url: httpUrl.optional(),
  token: secretRef.optional(),
  encodingAESKey: secretRef.optional(),
  /** Plain unless set; a 第三方平台 always uses safe mode. */
  mode: z.enum(['plain', 'compat', 'safe']).optional(),
  /** The AppID inside the ciphertext when it is not the account's: a 第三方平台's own (component) AppID. */
  appId: appId.optional(),
  /** Hosted by a 第三方平台: keys the office lacks skip the click checks instead of failing the config. */
  thirdParty: z.boolean().default(false),
});

type RawServer = z.output<typeof server>;

function serverIssues(s: RawServer, a: { appId?: string | undefined; originalId?: string | undefined }, issue: (path: PropertyKey[], message: string) => void): void {
  if (!a.originalId) {
    issue(['originalId'], '填写了 server 就要填写本账号的原始ID originalId（gh_ 开头，在公众平台“设置 → 公众号设置 → 注册信息”里），模拟点击时微信的推送里带着它');
  }
  if (s.thirdParty) {
    if (s.mode !== undefined && s.mode !== 'safe') issue(['server', 'mode'], '第三方平台托管的服务器只用安全模式（safe），不用填写 mode');
    return;
  }
  const hosted = '；服务器由第三方平台托管时写 thirdParty: true';
  if (!s.url) issue(['server', 'url'], `缺少服务器地址 url（公众平台“设置与开发 → 基本配置 → 服务器配置”里的 URL）${hosted}`);
  if (!s.token) issue(['server', 'token'], `缺少令牌 token（公众平台“基本配置 → 服务器配置”里的 Token）${hosted}`);
  const mode = s.mode ?? 'plain';
  if (mode !== 'plain' && !s.appId && !a.appId) issue(['appId'], `服务器 ${mode} 模式加解密需要本账号的 appId`);
}

/** One menu button in menu/get's shape; parents carry sub_button. */
const leafButton = z.strictObject({
  name: text,
  type: text,
  url: httpUrl.optional(),
  key: text.optional(),
  media_id: text.optional(),
  article_id: text.optional(),
  appid: text.optional(),
  pagepath: text.optional(),
  value: z.string().optional(),
});

const button = z.union([
  leafButton,
  z.strictObject({
    name: text,
    sub_button: z.array(leafButton).min(1, '子菜单至少要有 1 项').max(5, '子菜单最多 5 项'),
  }),
]);

export const platforms = ['wechat-subscription', 'wechat-service', 'weibo'] as const;

const account = z
  .strictObject({
    name: text,
    platform: z.enum(platforms),
    unit: text.optional(),
    owners: z.array(owner).default([]),
    domains: z.array(hostname).default([]),
    appId: appId.optional(),
    appSecret: secretRef.optional(),
    /** The account's 原始ID (gh_…): pushes carry it as ToUserName, and servers check it. */
    originalId: z.string().trim().regex(/^gh_[0-9A-Za-z]+$/, '应为 gh_ 开头的原始ID（公众平台“设置 → 公众号设置 → 注册信息”里的“原始ID”）').optional(),
    server: server.optional(),
    menu: z.array(button).min(1).max(3, '一级菜单最多 3 个').optional(),
  })
  .superRefine((a, ctx) => {
    // An appId alone is enough for the server's crypto; reading the menu needs the secret as well.
    if (a.appSecret !== undefined && a.appId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['appId'], message: '填写了 appSecret 就要填写 appId' });
    }
    if (a.server) serverIssues(a.server, a, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
    if (a.platform === 'weibo' && (a.appId || a.menu || a.server)) {
      ctx.addIssue({ code: 'custom', path: ['platform'], message: '微博账号没有自定义菜单，不能填写 appId、menu 或 server' });
    }
  });

/** The status page the service serves (web/). false turns it off; on by default, on this computer only. */
const webSection = z.strictObject({
  enabled: z.boolean().default(true),
  listen: listenAddress('127.0.0.1:8730（只在本机打开）或 0.0.0.0:8730（局域网里的电脑和手机都能打开）').default('127.0.0.1:8730'),
  /** The address owners' phones open (a reverse proxy's https:// address): owner links in digests start with it. */
  publicUrl: httpUrl.optional(),
  /** The admins' password (env:NAME); without it nobody logs in as admin, owners still open their links. */
  adminPassword: secretRef.optional(),
  /** Key that signs owner links and sessions (env:NAME); without it one is generated and kept beside the data file. */
  secret: secretRef.optional(),
  /** Days an owner link stays valid. */
  linkDays: z.int().min(1).max(90).default(7),
  /** Hours a login lasts. */
  sessionHours: z.number().positive().max(720).default(12),
});

/** `web: false` is short for `enabled: false` (a union would hide which field is wrong). */
const web = z.preprocess((v) => (v === false ? { enabled: false } : (v ?? {})), webSection);

/** The zone of the offices menu-patrol was written for (扎兰屯); every schedule and shown time uses `timezone`, this only fills it in. */
export const defaultTimeZone = 'Asia/Shanghai';

export const configSchema = z
  .strictObject({
    network,
    wechat,
    checks,
    browser,
    scoring,
    content,
    /** The office's time zone: schedules, quiet hours and every time shown. */
    timezone: text.refine(isTimeZone, `不是有效的时区名称，例如 ${defaultTimeZone}`).default(defaultTimeZone),
    schedule,
    inspections: z.array(inspection).default([]),
    bot,
    channels: z.array(channelSchema).default([]),
    accounts: z.array(account).min(1, '至少要有 1 个账号'),
    web,
  })
  .superRefine((c, ctx) => {
    const channels = new Set(c.channels.map((ch) => ch.name));
    const checkChannel = (name: string | undefined, path: PropertyKey[]) => {
      if (name !== undefined && !channels.has(name)) {
        ctx.addIssue({ code: 'custom', path, message: `没有名为“${name}”的通知渠道（channels 里有：${[...channels].join('、') || '无'}）` });
      }
    };
    checkChannel(c.bot.adminChannel, ['bot', 'adminChannel']);
    c.bot.admins.forEach((a, i) => checkChannel(a.channel, ['bot', 'admins', i, 'channel']));
    c.accounts.forEach((a, i) => a.owners.forEach((o, j) => checkChannel(o.channel, ['accounts', i, 'owners', j, 'channel'])));
    c.bot.admins.forEach((a, i) => a.fallbackChannels?.forEach((name, k) => checkChannel(name, ['bot', 'admins', i, 'fallbackChannels', k])));
    c.accounts.forEach((a, i) => a.owners.forEach((o, j) => o.fallbackChannels?.forEach((name, k) => checkChannel(name, ['accounts', i, 'owners', j, 'fallbackChannels', k]))));
    if (c.bot.messageGapMs.min > c.bot.messageGapMs.max) {
      ctx.addIssue({ code: 'custom', path: ['bot', 'messageGapMs'], message: 'min 不能大于 max' });
    }
    const names = new Set(c.accounts.map((a) => a.name));
    const checkNames = (list: unknown, path: PropertyKey[]) => {
      if (!Array.isArray(list)) return;
      list.forEach((n: string, i) => {
        if (!names.has(n)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `没有名为“${n}”的账号` });
      });
    };
    c.schedule.jobs.forEach((j, i) => checkNames(j.accounts, ['schedule', 'jobs', i, 'accounts']));
    c.inspections.forEach((x, i) => checkNames(x.accounts, ['inspections', i, 'accounts']));
    const seen = new Map<string, number>();
    c.accounts.forEach((a, i) => {
      const first = seen.get(a.name);
      if (first === undefined) seen.set(a.name, i);
      else ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `账号名称“${a.name}”与第 ${first + 1} 个账号重复` });
    });
  });

/** Every field name the config knows, for "did you mean" hints on misspelt keys. */
export const knownKeys: readonly string[] = [
  ...new Set(
    [network.unwrap(), wechat.unwrap(), checks.unwrap(), browser.unwrap(), scoring.unwrap(), content.unwrap(), schedule.unwrap(), inspection, bot.unwrap(), webSection, ...channelSchemas, ...Object.values(personIdFields).map((s) => s.unwrap()), person, server, leafButton, account].flatMap((s) =>
      'shape' in s ? Object.keys(s.shape) : [],
    ),
  ),
  'network',
  'wechat',
  'checks',
  'browser',
  'scoring',
  'content',
  'timezone',
  'schedule',
  'inspections',
  'bot',
  'channels',
  'accounts',
  'web',
  'sub_button',
];

export type RawConfig = z.output<typeof configSchema>;
export type RawAccount = RawConfig['accounts'][number];
export type Platform = (typeof platforms)[number];
export type MenuButtonInput = z.output<typeof button>;
export type Person = z.output<typeof person>;
export type ScoringRules = z.output<typeof scoring>;
export type ContentRules = z.output<typeof content>;
export type BrowserSettings = z.output<typeof browser>;
export type Targets = z.output<typeof targets>;
export type Inspection = z.output<typeof inspection>;
export type WebSettings = z.output<typeof webSection>;
