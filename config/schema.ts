import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { defaultCriticalKeywords } from '../core/critical.ts';

/**
 * The shape of menu-patrol.yaml. Objects are strict: a misspelt key is an
 * error, not a silently ignored setting. Secrets are strings here (`env:NAME`);
 * load.ts turns them into Secret values.
 */

const text = z.string().trim().min(1);

const httpUrl = z.url({ protocol: /^https?$/, error: '应为以 http:// 或 https:// 开头的完整网址' });

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, '应为域名，例如 zlt.gov.cn');

const ip = z.string().refine((v) => ipaddr.isValid(v), '应为 IP 地址，例如 127.0.0.1');

/** `env:NAME` (recommended) or the secret itself. */
const secretRef = text;

const network = z
  .strictObject({
    allowPrivateAddresses: z.boolean().default(false),
    timeoutMs: z.int().min(500).max(120_000).default(15_000),
    concurrency: z.int().min(1).max(512).default(32),
    perHostConcurrency: z.int().min(1).max(64).default(2),
    maxRedirects: z.int().min(0).max(30).default(10),
    retries: z.int().min(0).max(5).default(2),
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

const person = z.strictObject({
  name: text,
  /** The 备注 the bot's WeChat has for this person: identity survives restarts, session ids do not. */
  remark: text.optional(),
  /** Send this person's messages through a webhook channel (by its name) instead of the bot's WeChat. */
  channel: text.optional(),
});
const owner = person;

const channel = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('wecom'), name: text, key: secretRef, baseUrl: httpUrl.optional() }),
  z.strictObject({ type: z.literal('dingtalk'), name: text, accessToken: secretRef, secret: secretRef.optional(), baseUrl: httpUrl.optional() }),
  z.strictObject({ type: z.literal('feishu'), name: text, hookToken: secretRef, secret: secretRef.optional(), baseUrl: httpUrl.optional() }),
]);

const bot = z
  .strictObject({
    /** Office staff who may run every command and receive the summaries and escalations. */
    admins: z.array(person).default([]),
    /** Topic of the work group where staff @ the bot and summaries go. */
    workGroup: text.optional(),
    /** Where admin summaries go instead of the work group (a channel name). */
    adminChannel: text.optional(),
    /** Wechaty's session file (memory card), so a restart needs no new QR scan. */
    session: text.default('data/menu-patrol-bot'),
    /** Gap between two outgoing messages (ms), random in [min, max]: bursts get WeChat accounts limited. */
    messageGapMs: z.strictObject({ min: z.int().min(0), max: z.int().min(0) }).default({ min: 3000, max: 5000 }),
    /** An unchanged problem is repeated to its owner at most this often… */
    reminderEveryHours: z.number().positive().default(24),
    /** …this many times, then the admins are told instead. */
    maxReminders: z.int().min(0).default(3),
    /** Commands one person may send per minute before the bot asks them to slow down. */
    commandsPerMinute: z.int().min(1).default(6),
  })
  .prefault({});

const server = z.strictObject({
  url: httpUrl,
  token: secretRef,
  encodingAESKey: secretRef.optional(),
  mode: z.enum(['plain', 'compat', 'safe']).default('plain'),
  /** The account's original id (gh_…), sent as ToUserName; some servers check it. */
  originalId: text.default('gh_menupatrol'),
});

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
    appId: z
      .string()
      .trim()
      .regex(/^wx[0-9a-f]{16}$/i, '应为 wx 开头、共 18 位的 AppID')
      .optional(),
    appSecret: secretRef.optional(),
    server: server.optional(),
    menu: z.array(button).min(1).max(3, '一级菜单最多 3 个').optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.appId === undefined) !== (a.appSecret === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [a.appId === undefined ? 'appId' : 'appSecret'],
        message: 'appId 和 appSecret 要一起填写',
      });
    }
    if (a.server && a.server.mode !== 'plain' && !a.appId) {
      ctx.addIssue({ code: 'custom', path: ['appId'], message: `服务器 ${a.server.mode} 模式加解密需要本账号的 appId` });
    }
    if (a.platform === 'weibo' && (a.appId || a.menu || a.server)) {
      ctx.addIssue({ code: 'custom', path: ['platform'], message: '微博账号没有自定义菜单，不能填写 appId、menu 或 server' });
    }
  });

export const configSchema = z
  .strictObject({
    network,
    wechat,
    checks,
    bot,
    channels: z.array(channel).default([]),
    accounts: z.array(account).min(1, '至少要有 1 个账号'),
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
    if (c.bot.messageGapMs.min > c.bot.messageGapMs.max) {
      ctx.addIssue({ code: 'custom', path: ['bot', 'messageGapMs'], message: 'min 不能大于 max' });
    }
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
    [network.unwrap(), wechat.unwrap(), checks.unwrap(), bot.unwrap(), ...channel.options, person, server, leafButton, account].flatMap((s) =>
      'shape' in s ? Object.keys(s.shape) : [],
    ),
  ),
  'network',
  'wechat',
  'checks',
  'bot',
  'channels',
  'accounts',
  'sub_button',
];

export type RawConfig = z.output<typeof configSchema>;
export type RawAccount = RawConfig['accounts'][number];
export type Platform = (typeof platforms)[number];
export type MenuButtonInput = z.output<typeof button>;
export type RawChannel = z.output<typeof channel>;
export type Person = z.output<typeof person>;
