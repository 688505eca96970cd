import type { Inspection } from '../config/schema.ts';
import { dayNumber, localDayNumber } from '../core/time.ts';

/** Calendar days from today (office time) to the inspection; 0 on the day itself. */
export function daysUntil(inspection: Pick<Inspection, 'date'>, now: Date, timeZone: string): number {
  const [y, m, d] = inspection.date.split('-').map(Number);
  return dayNumber(y!, m!, d!) - localDayNumber(now, timeZone);
}

export function covers(inspection: Pick<Inspection, 'accounts'>, account: string): boolean {
  return inspection.accounts === 'all' || inspection.accounts.includes(account);
}

/** The nearest inspection still ahead that covers any of these accounts. */
export function nextInspection(inspections: readonly Inspection[], accounts: readonly string[], now: Date, timeZone: string): { inspection: Inspection; days: number } | undefined {
  return inspections
    .map((inspection) => ({ inspection, days: daysUntil(inspection, now, timeZone) }))
    .filter(({ inspection, days }) => days > 0 && accounts.some((a) => covers(inspection, a)))
    .sort((a, b) => a.days - b.days)[0];
}

/** The sentence every warning ends with while an inspection is ahead. */
export function deadlineLine(inspections: readonly Inspection[], accounts: readonly string[], now: Date, timeZone: string): string | undefined {
  const next = nextInspection(inspections, accounts, now, timeZone);
  if (!next) return undefined;
  const when = next.days === 1 ? '就在明天' : `还有 ${next.days} 天`;
  return `距离“${next.inspection.name}”（${next.inspection.date}）${when}，请在检查前改好。`;
}

/** Inspections for which today is a reminder day (T-14, T-7 …), with the days left. */
export function remindersDue(inspections: readonly Inspection[], now: Date, timeZone: string): { inspection: Inspection; days: number }[] {
  return inspections.map((inspection) => ({ inspection, days: daysUntil(inspection, now, timeZone) })).filter(({ inspection, days }) => inspection.remindDays.includes(days));
}
