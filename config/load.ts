import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isPair, isScalar, visit, type Document, type Node } from 'yaml';
import { ConfigError, type ConfigIssue } from '../core/errors.ts';
import { issueText } from './issue-text.ts';
import { yamlErrorText } from './yaml-error-text.ts';
import { resolveChannel, type ChannelConfig } from '../notifiers/registry.ts';
import { configSchema, type RawAccount, type RawConfig, type WebSettings } from './schema.ts';
import { localDateString } from '../core/time.ts';
import { Secret } from './secret.ts';

/** The account's developer server. Only a 第三方平台's may lack keys (the office may not have them yet). */
export interface ServerConfig {
  readonly url?: string;
  readonly token?: Secret;
  readonly encodingAESKey?: Secret;
  readonly mode: 'plain' | 'compat' | 'safe';
  /** The AppID inside the ciphertext when it is not the account's (a 第三方平台's). */
  readonly appId?: string;
  readonly thirdParty: boolean;
}

export interface AccountConfig extends Omit<RawAccount, 'appSecret' | 'server'> {
  readonly appSecret?: Secret;
  readonly server?: ServerConfig;
}

export interface WebConfig extends Omit<WebSettings, 'enabled' | 'adminPassword' | 'secret'> {
  readonly adminPassword?: Secret;
  readonly secret?: Secret;
}

export interface Config extends Omit<RawConfig, 'accounts' | 'channels' | 'web'> {
  readonly file: string;
  /** false: no status page. */
  readonly web: WebConfig | false;
  readonly accounts: readonly AccountConfig[];
  readonly channels: readonly ChannelConfig[];
  /** Things that work but should be changed (e.g. a secret written inline). */
  readonly warnings: readonly string[];
}

type Path = readonly PropertyKey[];

function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The 1-based line of a path in the YAML source (the key for a bad key, the value otherwise). */
const byLine = (a: ConfigIssue, b: ConfigIssue) => (a.line ?? 0) - (b.line ?? 0);

function lineOf(doc: Document, lines: LineCounter, path: Path, key?: string): number | undefined {
  let node: unknown = doc.getIn(path as unknown[], true);
  if (key !== undefined && isMap(node)) node = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)?.key;
  // Fall back to the nearest ancestor that exists (a missing field is reported at its parent).
  for (let depth = path.length - 1; !node && depth >= 0; depth--) node = doc.getIn(path.slice(0, depth) as unknown[], true);
  const offset = (node as Node | undefined)?.range?.[0];
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

function resolveSecret(ref: string, path: Path, env: NodeJS.ProcessEnv, issues: ConfigIssue[], warnings: string[]): Secret {
  const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (!m) {
    warnings.push(`${pathText(path)} 直接写了密钥，建议改为 env:变量名，把密钥放在环境变量里`);
    return new Secret(ref, pathText(path));
  }
  const name = m[1]!;
  const value = env[name];
  if (!value) issues.push({ path: pathText(path), message: `环境变量 ${name} 没有设置（这里写的是 ${ref}）` });
  return new Secret(value ?? '', ref);
}

function resolveAccount(a: RawAccount, i: number, env: NodeJS.ProcessEnv, issues: ConfigIssue[], warnings: string[]): AccountConfig {
  const at = (...rest: PropertyKey[]) => ['accounts', i, ...rest];
  const { appSecret, server, ...rest } = a;
  const resolved: { -readonly [K in keyof AccountConfig]: AccountConfig[K] } = { ...rest };
  if (appSecret !== undefined) resolved.appSecret = resolveSecret(appSecret, at('appSecret'), env, issues, warnings);
  if (server) {
    const key = server.encodingAESKey === undefined ? undefined : resolveSecret(server.encodingAESKey, at('server', 'encodingAESKey'), env, issues, warnings);
    if (key?.reveal() && !/^[A-Za-z0-9]{43}$/.test(key.reveal())) {
      issues.push({ path: pathText(at('server', 'encodingAESKey')), message: 'EncodingAESKey 应为 43 位字母和数字（在公众号后台“基本配置”里复制）' });
    }
    const mode = server.mode ?? (server.thirdParty ? 'safe' : 'plain');
    if (mode !== 'plain' && !key && !server.thirdParty) {
      issues.push({ path: pathText(at('server', 'encodingAESKey')), message: `${mode} 模式需要填写 encodingAESKey` });
    }
    resolved.server = {
      mode,
      thirdParty: server.thirdParty,
      ...(server.url ? { url: server.url } : {}),
      ...(server.appId ? { appId: server.appId } : {}),
      ...(server.token === undefined ? {} : { token: resolveSecret(server.token, at('server', 'token'), env, issues, warnings) }),
      ...(key ? { encodingAESKey: key } : {}),
    };
  }
  return resolved;
}

function resolveWeb(web: WebSettings, env: NodeJS.ProcessEnv, issues: ConfigIssue[], warnings: string[]): WebConfig | false {
  const { enabled, adminPassword, secret, ...rest } = web;
  if (!enabled) return false;
  return {
    ...rest,
    ...(adminPassword === undefined ? {} : { adminPassword: resolveSecret(adminPassword, ['web', 'adminPassword'], env, issues, warnings) }),
    ...(secret === undefined ? {} : { secret: resolveSecret(secret, ['web', 'secret'], env, issues, warnings) }),
  };
}

/**
 * The document as plain values. Aliases are resolved only here, and yaml
 * throws a ReferenceError for an alias without its anchor (`*a` before `&a`)
 * and for an alias bomb ("billion laughs", past maxAliasCount): both are
 * mistakes in the file, reported like any other.
 */
function toJS(doc: Document, file: string, lines: LineCounter): unknown {
  try {
    return doc.toJS() ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    // The line of the alias at fault: the unresolved one by name, else the first.
    const unresolved = /^Unresolved alias.*: (.+)$/.exec(error.message)?.[1];
    let line: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        if (unresolved !== undefined && node.source !== unresolved) return undefined;
        line = node.range ? lines.linePos(node.range[0]).line : undefined;
        return visit.BREAK;
      },
    });
    const message = unresolved !== undefined
      ? `YAML 别名（*）找不到对应的锚点（&），锚点要写在别名之前（${error.message}）`
      : `YAML 别名（*）层层引用，展开后过大，请不要用别名（${error.message}）`;
    throw new ConfigError(file, [{ path: '', ...(line ? { line } : {}), message }]);
  }
}

/** Validate parsed YAML/JSON. Pure apart from reading `env`; throws ConfigError with every issue at once. */
export function parseConfig(source: string, file: string, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): Config {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: '', line: lines.linePos(e.pos[0]).line, message: yamlErrorText(e) })),
    );
  }
  const raw: unknown = toJS(doc, file, lines);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        const line = lineOf(doc, lines, issue.path, key);
        return { path: pathText(issue.path), ...(line ? { line } : {}), message: issueText(issue, valueAt(raw, issue.path)) };
      }).sort(byLine),
    );
  }
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const accounts = parsed.data.accounts.map((a, i) => resolveAccount(a, i, env, issues, warnings));
  const channels = parsed.data.channels.map((c, i) => resolveChannel(c, (field, ref) => resolveSecret(ref, ['channels', i, field], env, issues, warnings)));
  const web = resolveWeb(parsed.data.web, env, issues, warnings);
  const today = localDateString(now, parsed.data.timezone);
  parsed.data.inspections.forEach((x, i) => {
    if (x.date < today) issues.push({ path: `inspections[${i}].date`, message: `检查日期 ${x.date} 已经过去，请删除这一项或改成下一次检查的日期` });
  });
  if (issues.length > 0) {
    throw new ConfigError(
      file,
      issues.map((i) => {
        const path = i.path.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const line = lineOf(doc, lines, path);
        return line ? { ...i, line } : i;
      }).sort(byLine),
    );
  }
  return { ...parsed.data, file, accounts, channels, web, warnings };
}

/** Anyone on the machine can read it: with a secret inline, that is a leak waiting to happen. */
async function readableByOthers(file: string): Promise<boolean> {
  return ((await stat(file)).mode & 0o004) !== 0;
}

export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, now?: Date): Promise<Config> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : `无法读取（${(error as Error).message}）`;
    throw new ConfigError(file, [{ path: '', message: `${reason}。可以用 menu-patrol demo 看一个完整的配置示例。` }]);
  }
  const config = parseConfig(source, file, env, now);
  if (config.warnings.some((w) => w.includes('直接写了密钥')) && (await readableByOthers(file))) {
    return { ...config, warnings: [...config.warnings, `配置文件 ${file} 里直接写了密钥，而且本机其他用户也能读取它：请改用 env:变量名，或至少执行 chmod 600 ${file}`] };
  }
  return config;
}
