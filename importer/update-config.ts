import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parse, YAMLSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Platform } from '../config/schema.ts';
import { UsageError } from '../core/errors.ts';
import { platformLabels } from '../reports/account-types.ts';
import { keepOldSpacing } from './line-diff.ts';
import type { ImportRow, Owner } from './validate-rows.ts';

/**
 * Sheet rows into the config through the YAML Document API: only the fields
 * the sheet fills are set, in place, so comments, `env:` secrets, menus and
 * servers stay exactly as written. Accounts missing from the sheet are kept.
 */

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface AccountChange {
  readonly kind: 'add' | 'update';
  readonly name: string;
  readonly fields: readonly FieldChange[];
}

export interface ImportPlan {
  readonly changes: readonly AccountChange[];
  readonly unchanged: number;
  /** In the config, not in the sheet: kept, and listed so a clerk can remove them by hand if they are gone. */
  readonly notInSheet: readonly string[];
  /** Environment variables that must hold the AppSecret of accounts given a new AppID. */
  readonly secretsToSet: readonly { readonly account: string; readonly env: string }[];
}

function accountsSeq(doc: Document): YAMLSeq {
  if (doc.contents === null) doc.contents = doc.createNode({}) as Document['contents'];
  if (!isMap(doc.contents)) throw new UsageError('配置文件的最外层应是“字段: 值”的形式，无法导入。');
  const node = doc.get('accounts', true);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    const seq = new YAMLSeq();
    doc.set('accounts', seq);
    return seq;
  }
  if (!isSeq(node)) throw new UsageError('配置文件里的 accounts 应是账号列表，无法导入。');
  return node;
}

const entries = (seq: YAMLSeq) => seq.items.filter((item): item is YAMLMap => isMap(item));
const nameOf = (map: YAMLMap) => String(map.get('name') ?? '');

/** The config's accounts by name and platform, for the sheet's checks. */
export function existingAccounts(doc: Document): Map<string, Platform> {
  const node = isMap(doc.contents) ? doc.get('accounts', true) : undefined;
  return new Map(isSeq(node) ? entries(node).map((m) => [nameOf(m), String(m.get('platform')) as Platform]) : []);
}

const ownersText = (owners: readonly Owner[]) => owners.map((o) => (o.remark ? `${o.name}（${o.remark}）` : o.name)).join('、') || '（无）';
const secretEnv = (appId: string) => `APPSECRET_${appId.toUpperCase()}`;

/** Set a value in place: an existing scalar keeps its comment and quoting. */
function setValue(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const old = map.get(key, true) as Node | undefined;
  if (isScalar(old) && typeof value === 'string') {
    old.value = value;
    return;
  }
  const node = doc.createNode(value);
  // One person a line at most, the way the README writes owners.
  if (isSeq(node)) node.flow = true;
  if (old) Object.assign(node, { comment: old.comment, commentBefore: old.commentBefore });
  map.set(key, node);
}

function update(doc: Document, map: YAMLMap, row: ImportRow, secrets: { account: string; env: string }[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const platform = String(map.get('platform') ?? '');
  if (platform !== row.platform) {
    changes.push({ field: '账号类型', before: platformLabels[platform as Platform] ?? platform, after: platformLabels[row.platform] });
    setValue(doc, map, 'platform', row.platform);
  }
  const unit = map.get('unit');
  if (row.unit !== undefined && unit !== row.unit) {
    changes.push({ field: '主办单位', before: unit === undefined ? '（无）' : String(unit), after: row.unit });
    setValue(doc, map, 'unit', row.unit);
  }
  if (row.owners) {
    const node = map.get('owners', true);
    const before = (isSeq(node) ? node.toJSON() : []) as Owner[];
    // A blank 微信备注 never erases a remark, and fields the sheet has no column for (channel) stay.
    const after = row.owners.map((o) => ({ ...before.find((b) => b.name === o.name), ...o }));
    if (!isDeepStrictEqual(before, after)) {
      changes.push({ field: '负责人', before: ownersText(before), after: ownersText(after) });
      setValue(doc, map, 'owners', after);
    }
  }
  if (row.appId !== undefined && map.get('appId') !== row.appId) {
    changes.push({ field: 'AppID', before: String(map.get('appId') ?? '（无）'), after: row.appId });
    setValue(doc, map, 'appId', row.appId);
    if (!map.has('appSecret')) {
      setValue(doc, map, 'appSecret', `env:${secretEnv(row.appId)}`);
      secrets.push({ account: row.name, env: secretEnv(row.appId) });
    }
  }
  return changes;
}

function added(row: ImportRow, secrets: { account: string; env: string }[]): AccountChange {
  const fields: FieldChange[] = [{ field: '账号类型', before: '', after: platformLabels[row.platform] }];
  if (row.unit) fields.push({ field: '主办单位', before: '', after: row.unit });
  if (row.owners) fields.push({ field: '负责人', before: '', after: ownersText(row.owners) });
  if (row.appId) {
    fields.push({ field: 'AppID', before: '', after: row.appId });
    secrets.push({ account: row.name, env: secretEnv(row.appId) });
  }
  return { kind: 'add', name: row.name, fields };
}

/** Apply the rows to the document and say what changed. */
export function applyRows(doc: Document, rows: readonly ImportRow[]): ImportPlan {
  const seq = accountsSeq(doc);
  const byName = new Map(entries(seq).map((m) => [nameOf(m), m]));
  const secrets: { account: string; env: string }[] = [];
  const changes: AccountChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const map = byName.get(row.name);
    if (map) {
      const fields = update(doc, map, row, secrets);
      if (fields.length > 0) changes.push({ kind: 'update', name: row.name, fields });
      else unchanged++;
      continue;
    }
    const node = doc.createNode({
      name: row.name,
      platform: row.platform,
      ...(row.unit ? { unit: row.unit } : {}),
      ...(row.owners ? { owners: row.owners } : {}),
      ...(row.appId ? { appId: row.appId, appSecret: `env:${secretEnv(row.appId)}` } : {}),
    });
    const owners = node.get('owners', true);
    if (isSeq(owners)) owners.flow = true;
    seq.flow = false;
    seq.add(node);
    changes.push(added(row, secrets));
  }
  const inSheet = new Set(rows.map((r) => r.name));
  return { changes, unchanged, notInSheet: [...byName.keys()].filter((n) => !inSheet.has(n)), secretsToSet: secrets };
}

/** The document as text, with every line the import did not touch kept byte for byte. */
export function renderUpdated(source: string, doc: Document): string {
  const printed = doc.toString({ lineWidth: 0 });
  const kept = keepOldSpacing(source, printed);
  // Spacing inside a value can matter ("扎兰屯 发布"): keep the old lines only if they mean the same.
  try {
    return isDeepStrictEqual(parse(kept), parse(printed)) ? kept : printed;
  } catch {
    return printed;
  }
}
