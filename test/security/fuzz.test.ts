/**
 * Issue 9, item 8: property-based tests over everything that parses input
 * from outside — the config file, WeChat's menu JSON, the replies of the
 * accounts' own servers (plain and encrypted) and fetched pages. Random input
 * may only ever end in the documented error type (or none at all).
 *
 * Every property runs from a fixed seed with a bounded number of runs, so the
 * file is reproducible and fast; a failure prints the seed and path to replay.
 */
import { randomBytes } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyzePage } from '../../analysis/analyze-page.ts';
import { parseConfig } from '../../config/load.ts';
import { ConfigError } from '../../core/errors.ts';
import { conditionalMenus, flattenButtons, fromInventory, fromSelfMenuInfo, itemLabel, itemTypes, type AccountMenu, type MenuItem } from '../../core/menu.ts';
import { judgePassiveReply } from '../../wechat/passive-reply.ts';
import { aesKey, decryptMessage, encryptMessage, PushCryptoError } from '../../wechat/push-crypto.ts';

/** One seed for the whole file: a failure replays exactly. */
const SEED = 20_261_215;
const NOW = new Date('2026-06-01T00:00:00Z');

function holds<T>(t: ExecutionContext, name: string, property: fc.IProperty<T>, numRuns: number): void {
  // fc.assert throws with the counterexample, the seed and the shrink path when the property fails.
  t.notThrows(() => fc.assert(property, { seed: SEED, numRuns }), name);
  t.log(`${name}: ${numRuns} runs, seed ${SEED}`);
}

/** Strings made of the given pieces: random input that still looks like the format under test. */
const soup = (pieces: readonly string[], maxLength: number) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((p) => p.join(''));

// --- (a) config loader -------------------------------------------------------

function onlyConfigError(source: string, env: NodeJS.ProcessEnv = {}): boolean {
  try {
    parseConfig(source, 'fuzz.yaml', env, NOW);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return true;
    throw error;
  }
}

const yamlPieces = [
  'accounts', 'network', 'timeoutMs', 'allowPrivateAddresses', 'resolve', 'schedule', 'inspections', 'channels', 'bot', 'timezone',
  'name', 'platform', 'wechat-subscription', 'weibo', 'menu', 'sub_button', 'type', 'view', 'url', 'appId', 'appSecret', 'server', 'date',
  ':', ': ', '\n', '  ', '    ', '- ', '-', '{', '}', '[', ']', ',', '"', "'", '\\', '&a ', '*a', '&b ', '*b', '!!str ', '!!binary ', '!!map ',
  '!!timestamp ', '!foo ', '---\n', '...\n', '%YAML 1.1\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '# c\n', '|\n', '>-\n', '? ', '<<: ', 'env:X',
  'env:', 'true', 'false', 'null', '~', '1e999', '-.inf', '.nan', '0x1F', '0o17', '1_000', '2026-12-15', '2026-02-30', '12:30', '30 8 * * *',
  'https://a.zlt.gov.cn/', 'http://[', 'wx0123456789abcdef', '\t', '\r\n', '\u00a0', '\ufeff', '扎兰屯', '\u0000', '\u{1F600}', '\ud800',
];

/** A config-shaped value: every field either plausible or junk, so both the schema and the resolvers get exercised. */
const junk = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: junk });
const configObject = fc.record(
  {
    network: maybe(
      fc.record(
        {
          allowPrivateAddresses: maybe(fc.boolean()),
          timeoutMs: maybe(fc.integer({ min: -1, max: 200_000 })),
          concurrency: maybe(fc.integer({ min: 0, max: 600 })),
          resolve: maybe(fc.dictionary(fc.domain(), fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()))),
          userAgent: maybe(fc.string()),
        },
        { requiredKeys: [] },
      ),
    ),
    timezone: maybe(fc.constantFrom('Asia/Shanghai', 'UTC', 'Mars/Olympus', '', 'asia/shanghai')),
    schedule: maybe(fc.record({ dailyPatrol: maybe(fc.oneof(fc.constant(false), fc.string())), monthEnd: maybe(fc.string()) }, { requiredKeys: [] })),
    inspections: maybe(fc.array(fc.record({ name: fc.string(), date: fc.oneof(fc.string(), fc.constant('2027-01-01')), accounts: maybe(fc.constant('all')) }, { requiredKeys: [] }), { maxLength: 2 })),
    channels: maybe(fc.array(fc.record({ type: fc.constantFrom('wecom', 'dingtalk', 'feishu', 'slack'), name: fc.string(), key: fc.string(), accessToken: fc.string(), hookToken: fc.string(), secret: fc.string() }, { requiredKeys: ['type'] }), { maxLength: 2 })),
    accounts: maybe(
      fc.array(
        fc.record(
          {
            name: maybe(fc.string({ unit: 'grapheme', maxLength: 12 })),
            platform: maybe(fc.constantFrom('wechat-subscription', 'wechat-service', 'weibo', 'qq')),
            appId: maybe(fc.constantFrom('wx0123456789abcdef', 'wx', 'not-an-id')),
            appSecret: maybe(fc.constantFrom('env:SECRET', 'env:', 'env:MISSING', 'inline-secret')),
            domains: maybe(fc.array(fc.oneof(fc.domain(), fc.string()), { maxLength: 3 })),
            server: maybe(fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), token: fc.string(), encodingAESKey: fc.string(), mode: fc.constantFrom('plain', 'compat', 'safe', 'x') }, { requiredKeys: [] })),
            menu: maybe(fc.array(fc.record({ name: fc.string(), type: fc.string(), url: fc.oneof(fc.webUrl(), fc.string()), sub_button: junk }, { requiredKeys: [] }), { maxLength: 4 })),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: [] },
);
const randomEnv = fc.dictionary(fc.constantFrom('SECRET', 'X', 'MISSING', 'TOKEN'), fc.string(), { maxKeys: 3 });

test('config loader: arbitrary text (control characters and lone surrogates included) only ever throws ConfigError', (t) => {
  holds(t, 'parseConfig(random string)', fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (source) => onlyConfigError(source)), 1000);
});

test('config loader: YAML-ish token soup (anchors, aliases, tags, directives, merge keys) only ever throws ConfigError', (t) => {
  holds(t, 'parseConfig(YAML token soup)', fc.property(soup(yamlPieces, 80), randomEnv, (source, env) => onlyConfigError(source, env)), 1000);
});

test('config loader: config-shaped objects serialized as YAML and as JSON only ever throw ConfigError', (t) => {
  holds(
    t,
    'parseConfig(structured → YAML | JSON)',
    fc.property(configObject, randomEnv, fc.boolean(), (config, env, asJson) => onlyConfigError(asJson ? JSON.stringify(config) : stringify(config), env)),
    500,
  );
});

// Found by the token-soup property (counterexample "*b"): yaml's toJS threw a ReferenceError past the loader.
test('config loader: an alias without its anchor is a ConfigError on the alias line, not a crash', (t) => {
  const source = 'accounts:\n  - &first { name: a, platform: weibo }\n  - *first\n  - name: b\n    platform: *weibo\n';
  const error = t.throws(() => parseConfig(source, 'alias.yaml', {}, NOW), { instanceOf: ConfigError });
  t.is(error?.issues[0]?.line, 5);
  t.regex(error?.message ?? '', /锚点/);
});

// The same crash, on purpose: an alias bomb made yaml's toJS throw a ReferenceError past the loader.
test('config loader: a YAML alias bomb (billion laughs) is a ConfigError, not a crash', (t) => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i += 1) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  const error = t.throws(() => parseConfig(`${levels.join('\n')}\naccounts: [{ name: a, platform: weibo }]\n`, 'bomb.yaml', {}, NOW), { instanceOf: ConfigError });
  t.regex(error?.message ?? '', /别名/);
});

// --- (b) menu normalizer -------------------------------------------------------

const kinds = new Set<string>([...itemTypes, 'unknown']);

function wellFormedItems(items: readonly MenuItem[]): boolean {
  return items.every(
    (item) =>
      kinds.has(item.kind) &&
      typeof item.type === 'string' &&
      item.path.length > 0 &&
      item.path.every((p) => typeof p === 'string' && p !== '') &&
      (item.target === null || typeof item.target === 'string') &&
      Object.values(item.fields).every((v) => typeof v === 'string') &&
      typeof itemLabel(item) === 'string',
  );
}

const wellFormedMenu = (menu: AccountMenu) => typeof menu.open === 'boolean' && wellFormedItems(menu.items) && Array.isArray(menu.problems);

function normalizeEverywhere(value: unknown): boolean {
  const conditional = conditionalMenus(value);
  return (
    wellFormedMenu(fromSelfMenuInfo(value)) &&
    wellFormedMenu(fromSelfMenuInfo({ is_menu_open: 1, selfmenu_info: { button: value } })) &&
    wellFormedMenu(fromInventory(value)) &&
    wellFormedItems(flattenButtons(value)) &&
    wellFormedItems(conditional.items) &&
    Array.isArray(conditional.problems) &&
    wellFormedItems(conditionalMenus({ conditionalmenu: [{ button: value, matchrule: value, menuid: value }] }).items)
  );
}

/** Buttons in both of WeChat's shapes, with any field possibly of the wrong type. */
const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const { menuButtons } = fc.letrec((tie) => ({
  button: fc.record(
    {
      name: field,
      type: fc.oneof(fc.constantFrom(...itemTypes, 'weird', ''), field),
      url: fc.oneof(fc.webUrl(), field),
      key: field,
      value: field,
      media_id: field,
      news_info: fc.oneof(fc.record({ list: fc.array(fc.record({ title: field, content_url: field }, { requiredKeys: [] }), { maxLength: 3 }) }), field),
      sub_button: fc.oneof({ depthSize: 'small' }, tie('menuButtons'), fc.record({ list: tie('menuButtons') }), field),
    },
    { requiredKeys: [] },
  ),
  menuButtons: fc.array(fc.oneof(tie('button'), field), { maxLength: 6 }),
}));

test('menu normalizer: arbitrary JSON values never throw and always give well-formed items', (t) => {
  holds(t, 'menu normalizer(JSON value)', fc.property(fc.jsonValue({ maxDepth: 6 }), normalizeEverywhere), 1000);
});

test('menu normalizer: arbitrary JS values (null prototypes, boxed values, sparse arrays) never throw', (t) => {
  const anything = fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withMap: true, withSet: true, withDate: true, withTypedArray: true });
  holds(t, 'menu normalizer(anything)', fc.property(anything, normalizeEverywhere), 500);
});

test('menu normalizer: menu-shaped buttons with fields of any type never throw', (t) => {
  holds(t, 'menu normalizer(menu-shaped)', fc.property(menuButtons, normalizeEverywhere), 1000);
});

// --- (c) replies from the accounts' servers --------------------------------------

const replyKinds = new Set(['none', 'message', 'invalid']);
const judgedOnce = (body: string) => replyKinds.has(judgePassiveReply(body).kind);

const xmlPieces = [
  '<xml>', '</xml>', '<MsgType>', '</MsgType>', '<![CDATA[', ']]>', 'text', 'news', 'image', 'voice', 'video', 'music', 'transfer_customer_service',
  '<Content>', '</Content>', '<Articles>', '</Articles>', '<item>', '</item>', '<Url>', '</Url>', '<Title>', '</Title>', '<Image>', '</Image>',
  '<MediaId>', '</MediaId>', '<ArticleCount>', '&amp;', '&lt;', '&#x41;', '&#99999999;', '&#0;', '&bogus;', '&a;',
  '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">]>', '<!DOCTYPE xml [<!ENTITY a "&a;&a;">]>', '<?xml version="1.0" encoding="GBK"?>', '<!-- c -->',
  '<__proto__>', '</__proto__>', '<constructor>', '</constructor>', '<toString>', '<hasOwnProperty>', ' id="x"', ' __proto__="y"', '<a/>',
  '<', '>', '/', '"', "'", '=', 'success', ' ', '\n', '\t', '扎兰屯', '\u0000', '\ufffe',
];

test('passive replies: arbitrary strings always get one of the three judgements, never an exception', (t) => {
  holds(t, 'judgePassiveReply(random string)', fc.property(fc.string({ unit: 'binary', maxLength: 400 }), judgedOnce), 1000);
});

test('passive replies: XML-ish soup (entities, DOCTYPE, CDATA, prototype-named tags) always gets one of the three judgements', (t) => {
  holds(t, 'judgePassiveReply(XML soup)', fc.property(soup(xmlPieces, 60), judgedOnce), 1000);
});

function onlyPushCryptoError(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof PushCryptoError) return true;
    throw error;
  }
}

const keyBytes = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b));

test('encrypted replies: decryptMessage of arbitrary text or random ciphertext only ever throws PushCryptoError', (t) => {
  // Whole AES blocks get past the cipher to the padding and length checks; other lengths stop at the cipher.
  const ciphertext = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.integer({ min: 0, max: 12 }).chain((blocks) => fc.uint8Array({ minLength: blocks * 16, maxLength: blocks * 16 })).map((b) => Buffer.from(b).toString('base64')),
  );
  holds(t, 'decryptMessage(random)', fc.property(ciphertext, keyBytes, (encrypted, key) => onlyPushCryptoError(() => decryptMessage(encrypted, key))), 1000);
});

test('encrypted replies: a tampered ciphertext only ever throws PushCryptoError; an intact one round-trips', (t) => {
  const key = aesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
  const message = fc.string({ unit: 'grapheme', maxLength: 200 });
  const appId = fc.string({ unit: 'grapheme-ascii', maxLength: 20 });
  holds(
    t,
    'decryptMessage(tampered | intact)',
    fc.property(message, appId, fc.nat(), fc.integer({ min: 1, max: 255 }), (text, id, at, flip) => {
      const encrypted = encryptMessage(text, id, key, randomBytes(16));
      const intact = decryptMessage(encrypted, key);
      if (intact.message !== text || intact.appId !== id) return false;
      const bytes = Buffer.from(encrypted, 'base64');
      bytes[at % bytes.length]! ^= flip;
      return onlyPushCryptoError(() => decryptMessage(bytes.toString('base64'), key));
    }),
    500,
  );
});

test('encrypted replies: aesKey of an arbitrary EncodingAESKey only ever throws PushCryptoError', (t) => {
  holds(t, 'aesKey(random string)', fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => onlyPushCryptoError(() => aesKey(value))), 500);
});

// --- (d) page analysis -------------------------------------------------------

const contentTypes = fc.oneof(
  fc.constantFrom(
    'text/html', 'text/html; charset=utf-8', 'text/html; charset=GBK', 'text/html; charset=gb2312', 'text/html; charset=big5', 'text/html; charset=utf-16',
    'text/html; charset=utf-16be', 'text/html; charset=x-no-such-charset', 'text/html; charset=', 'text/html; charset="utf-8"', 'text/html;;;charset==utf-7',
    'application/octet-stream', 'application/pdf', 'image/png', 'text/plain', 'application/json', '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((label) => `text/html; charset=${label}`),
);
const headers = fc.record({ 'content-type': contentTypes, 'content-language': fc.string(), refresh: fc.string(), location: fc.string() }, { requiredKeys: [] });
const pageUrl = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('http://www.zlt.gov.cn/', 'https://mp.weixin.qq.com/s/abc'), fc.string());

const htmlPieces = [
  '<html>', '<head>', '<title>', '</title>', '<body>', '</body>', '<div>', '</div>', '<p>', '</p>', '<a href="http://www.hg8868.top/">', '<a href=', '</a>',
  '<div style="display:none">', '<div style="position:absolute;left:-9999px">', '<span class="x">', '<style>.x{display:none}</style>', '<style>',
  '<script>', '</script>', 'document.write("<a href=\'http://x.top\'>x</a>")', 'location.href="http://evil.top/"', 'window.location=', 'atob("', '"', "'",
  '<meta http-equiv="refresh" content="0;url=http://evil.top/">', '<meta charset="gbk">', '<meta charset="x-bogus">', '<meta name="keywords" content="',
  '<iframe src="http://evil.top/">', '<img src=x>', '<noscript>', '<svg>', '<path/>', '</svg>', '<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE html>',
  '页面不存在', '404', '系统维护', '访问被拦截', '请在微信客户端打开', '该内容已被发布者删除', '皇冠体育', '澳门', '博彩', '政务公开', '&nbsp;', '&#x0;', '&amp',
  ' ', '\n', '\u0000', '\ufffd', '\ud800', '\u200b', 'a', '<', '>', '=', '/',
];

function analyzed(body: Buffer, pageHeaders: Record<string, string>, url: string, finalUrl: string, status: number, domains: string[]): boolean {
  const problems = analyzePage({ url, finalUrl, status, headers: pageHeaders, body, accountDomains: domains });
  return Array.isArray(problems) && problems.every((p) => typeof p.code === 'string');
}

const status = fc.oneof(fc.constantFrom(200, 404, 500, 302), fc.integer({ min: 0, max: 999 }));
const domains = fc.array(fc.oneof(fc.domain(), fc.string()), { maxLength: 3 });

test('page analysis: arbitrary bytes under arbitrary headers, URLs and statuses never throw', (t) => {
  const body = fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b));
  holds(t, 'analyzePage(random bytes)', fc.property(body, headers, pageUrl, pageUrl, status, domains, analyzed), 500);
});

test('page analysis: HTML-ish soup (hidden links, scripts, refreshes, broken markup) in UTF-8, Latin-1 or UTF-16 (with or without BOM) never throws', (t) => {
  const encodings = ['utf8', 'latin1', 'utf16le'] as const;
  const body = fc.tuple(soup(htmlPieces, 120), fc.constantFrom(...encodings), fc.boolean()).map(([html, encoding, bom]) => {
    const bytes = Buffer.from(html, encoding);
    return bom && encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]) : bytes;
  });
  holds(t, 'analyzePage(HTML soup)', fc.property(body, headers, pageUrl, pageUrl, status, domains, analyzed), 500);
});
