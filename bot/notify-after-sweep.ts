import type { Config } from '../config/load.ts';
import type { Person } from '../config/schema.ts';
import type { Finding } from '../core/findings.ts';
import type { OutgoingMessage } from '../notifiers/types.ts';
import type { Recipient } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { adminSummary } from './messages/admin-summary.ts';
import { mentionsFor } from './mentions.ts';
import { ownerDigest, type AccountNotice, type OwnerLink } from './messages/owner-digest.ts';
import { covers, deadlineLine, remindersDue } from '../schedules/countdown.ts';
import { planNotices } from './notice-policy.ts';
import type { Outbox } from './outbox.ts';
import type { Swept } from '../sweep/sweep-service.ts';

/** Where the office's own messages go: a webhook channel, the work group, or each admin. */
export function adminRecipients(config: Config): Recipient[] {
  if (config.bot.adminChannel) return [{ kind: 'channel', name: config.bot.adminChannel }];
  if (config.bot.workGroup) return [{ kind: 'group', topic: config.bot.workGroup }];
  return config.bot.admins.map((a) => ({ kind: 'person', name: a.name, ...(a.remark ? { remark: a.remark } : {}), ...(a.channel ? { channel: a.channel } : {}) }));
}

function personKey(r: Recipient): string {
  return JSON.stringify(r);
}

/** The message, @-mentioning `people` when it goes through a group robot that knows them. */
function withMentions(config: Config, to: Recipient, message: OutgoingMessage, people: readonly Person[]): { to: Recipient; message: OutgoingMessage } {
  const mentions = mentionsFor(config, to, people);
  return { to, message: mentions ? { ...message, mentions } : message };
}

/**
 * After a sweep: one digest per owner (accounts without owners go to the
 * admins), then the office summary for scheduled sweeps or when something was
 * escalated. Through a group robot, a digest @-mentions its owner (or the
 * admins) and an escalation the admins and the owners who left it unfixed.
 * Everything goes through the outbox with the notice state, in one write.
 */
export async function notifyAfterSweep(swept: Swept, config: Config, store: Store, outbox: Outbox, ownerLink?: (owner: string) => OwnerLink | undefined): Promise<void> {
  const now = swept.result.run.finishedAt;
  const scheduled = swept.result.run.trigger === 'schedule';
  const due = scheduled ? remindersDue(config.inspections, new Date(now), config.timezone) : [];
  const countdownAccounts = new Set(config.accounts.filter((a) => due.some(({ inspection }) => covers(inspection, a.name))).map((a) => a.name));
  const plan = planNotices(swept.changes, store.notices, now, config.bot, countdownAccounts);
  const byAccount = (list: readonly Finding[], name: string) => list.filter((f) => f.account === name);
  const perOwner = new Map<string, { to: Recipient; name: string; people: readonly Person[]; link?: OwnerLink | undefined; notices: AccountNotice[] }>();

  for (const account of config.accounts) {
    const notice: AccountNotice = {
      account: account.name,
      ...(account.unit ? { unit: account.unit } : {}),
      opened: byAccount(plan.opened, account.name),
      reminded: byAccount(plan.reminded, account.name),
      // After 已整改 the owner has just been answered in the chat; a second message would only repeat it.
      recovered: swept.result.run.trigger === 'recheck' ? [] : byAccount(plan.recovered, account.name),
    };
    if (notice.opened.length + notice.reminded.length + notice.recovered.length === 0) continue;
    const owners: { to: Recipient; name: string; people: readonly Person[]; link?: OwnerLink | undefined }[] =
      account.owners.length > 0
        ? account.owners.map((o) => ({ to: { kind: 'person', name: o.name, ...(o.remark ? { remark: o.remark } : {}), ...(o.channel ? { channel: o.channel } : {}) }, name: o.name, people: [o], link: ownerLink?.(o.name) }))
        : adminRecipients(config).map((to) => ({ to, name: '各位同事', people: config.bot.admins }));
    for (const owner of owners) {
      const key = personKey(owner.to);
      const entry = perOwner.get(key) ?? { ...owner, notices: [] };
      entry.notices.push(notice);
      perOwner.set(key, entry);
    }
  }

  const messages: { to: Recipient; message: OutgoingMessage }[] = [...perOwner.values()].map((o) =>
    withMentions(config, o.to, ownerDigest(o.name, o.notices, now, config.timezone, deadlineLine(config.inspections, o.notices.map((n) => n.account), new Date(now), config.timezone), o.link), o.people),
  );
  if (scheduled || plan.escalated.length > 0) {
    const open = new Map<string, number>();
    for (const f of store.openFindings()) if (f.severity === 'fail') open.set(f.account, (open.get(f.account) ?? 0) + 1);
    // The day before an inspection the office gets the accounts still at risk.
    const finalDay = due.filter(({ days }) => days === 1).map(({ inspection }) => inspection.name);
    const summary = adminSummary(swept.result, swept.changes, plan.escalated, open, config.timezone, finalDay, swept.warnings);
    // A routine summary pings nobody; an escalation is for the admins and the owners who left it unfixed.
    const escalatedAccounts = new Set(plan.escalated.map((f) => f.account));
    const concerned = escalatedAccounts.size === 0 ? [] : [...config.bot.admins, ...config.accounts.filter((a) => escalatedAccounts.has(a.name)).flatMap((a) => a.owners)];
    messages.push(...adminRecipients(config).map((to) => withMentions(config, to, summary, concerned)));
  }
  await outbox.enqueue(messages, { ...plan.notices });
}
