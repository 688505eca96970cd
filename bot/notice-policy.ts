import type { Finding, FindingChanges } from '../core/findings.ts';
import type { NoticeState } from '../store/schema.ts';

export interface NoticePolicy {
  readonly reminderEveryHours: number;
  readonly maxReminders: number;
}

export interface NoticePlan {
  /** First announcement of a problem. */
  readonly opened: readonly Finding[];
  /** Still broken, and due for another reminder. */
  readonly reminded: readonly Finding[];
  /** Reminded as often as allowed: the admins are told instead. */
  readonly escalated: readonly Finding[];
  /** Fixed since the owner was told: say so, with how long it was down. */
  readonly recovered: readonly Finding[];
  readonly notices: Readonly<Record<string, NoticeState>>;
}

/**
 * Decide what to tell after a sweep: new problems once, unchanged ones only at
 * the reminder cadence and up to a cap (then escalate once), recoveries only
 * for problems the owner was told about. Needs-a-look warnings are announced
 * once and never repeated.
 */
export function planNotices(
  changes: FindingChanges,
  notices: Readonly<Record<string, NoticeState>>,
  now: string,
  policy: NoticePolicy,
  /** Accounts on a countdown day: every open problem is repeated, outside the cadence and the cap. */
  countdown: ReadonlySet<string> = new Set(),
): NoticePlan {
  const next: Record<string, NoticeState> = { ...notices };
  const opened: Finding[] = [];
  const reminded: Finding[] = [];
  const escalated: Finding[] = [];
  const recovered: Finding[] = [];
  const dueMs = policy.reminderEveryHours * 3_600_000;

  for (const f of [...changes.opened, ...changes.ongoing]) {
    const state = next[f.id];
    if (!state) {
      opened.push(f);
      next[f.id] = { notifiedAt: now, reminders: 0, escalatedAt: null };
      continue;
    }
    if (f.severity !== 'fail') continue;
    if (countdown.has(f.account)) {
      reminded.push(f);
      next[f.id] = { ...state, notifiedAt: now };
      continue;
    }
    if (Date.parse(now) - Date.parse(state.notifiedAt) < dueMs) continue;
    if (state.reminders < policy.maxReminders) {
      reminded.push(f);
      next[f.id] = { ...state, notifiedAt: now, reminders: state.reminders + 1 };
    } else if (state.escalatedAt === null) {
      escalated.push(f);
      next[f.id] = { ...state, escalatedAt: now };
    }
  }
  for (const f of changes.resolved) {
    if (next[f.id]) recovered.push(f);
    delete next[f.id];
  }
  return { opened, reminded, escalated, recovered, notices: next };
}
