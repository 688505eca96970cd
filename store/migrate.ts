/**
 * Upgrades a data file written by an older menu-patrol, one version at a time,
 * so an office that skips releases still opens its history. Each step takes
 * the whole file as it was at its version and returns it at the next.
 */
import { emptyStore, schemaVersion, type StoreData } from './schema.ts';

type Stored = Record<string, unknown>;

const steps: Readonly<Record<number, (data: Stored) => Stored>> = {
  // Version 1 grew collections without a version bump (the outbox and notices with the bot, job runs with the
  // schedules, owner-reported updates with the content checks): a version 1 file may lack any of them.
  1: (data) => ({ ...emptyStore(), ...data, version: 2 }),
  // Click confirmations arrived, and a server answering `success` or nothing became 需人工确认 instead of a failure:
  // what was found that way carries on under its new code, keeping the day it was first seen and what owners were told.
  2: (data) => ({ ...data, findings: (data.findings as Stored[]).map(unconfirmedClick), notices: renameKeys(data.notices as Stored), confirmations: {}, version: 3 }),
  // Per-URL memory arrived for incremental sweeps: it starts empty, so the first sweep after the upgrade fetches everything in full.
  // So did the ids of chat messages the two-way channels already handled.
  3: (data) => ({ ...data, urls: {}, processed: {}, version: 4 }),
};

const renamedCodes: Readonly<Record<string, string>> = { 'click-no-reply': 'click-unconfirmed' };

/** A finding's id ends with its code (core/findings.ts findingId). */
function renamedId(id: string): string {
  const parts = JSON.parse(id) as string[];
  const code = renamedCodes[parts.at(-1) ?? ''];
  return code ? JSON.stringify([...parts.slice(0, -1), code]) : id;
}

function unconfirmedClick(finding: Stored): Stored {
  const code = renamedCodes[String(finding.code)];
  return code ? { ...finding, id: renamedId(String(finding.id)), code, severity: 'warn' } : finding;
}

function renameKeys(notices: Stored): Stored {
  return Object.fromEntries(Object.entries(notices).map(([id, state]) => [renamedId(id), state]));
}

export type Migration =
  | { readonly ok: true; readonly data: StoreData; readonly from: number }
  | { readonly ok: false; readonly reason: string };

/** The file's data at the current version, and the version it was written at. */
export function migrate(raw: unknown): Migration {
  const notOurs = { ok: false, reason: '里面不是 menu-patrol 的数据（没有可识别的格式版本）' } as const;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return notOurs;
  let data = raw as Stored;
  const from = data.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return notOurs;
  if (from > schemaVersion) {
    return { ok: false, reason: `格式版本是 ${from}，由更新版本的 menu-patrol 写入，本程序只认识到版本 ${schemaVersion}，请升级 menu-patrol` };
  }
  for (let version = from; version < schemaVersion; version++) {
    const step = steps[version];
    if (!step) throw new Error(`no migration from store version ${version}`);
    data = step(data);
  }
  return { ok: true, data: data as unknown as StoreData, from };
}
