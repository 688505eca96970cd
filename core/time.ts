/** Offices read times in their own zone, whatever zone the server runs in. */
export const defaultTimeZone = 'Asia/Shanghai';

/** "2026-11-26 22:30" in the office's time zone. */
export function formatLocal(iso: string, timeZone = defaultTimeZone, seconds = false): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}${seconds ? `:${get('second')}` : ''}`;
}

/** "3 天" / "5 小时" / "12 分钟": how long something has been broken. */
export function formatAge(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes >= 24 * 60) return `${Math.floor(minutes / (24 * 60))} 天`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} 小时`;
  return minutes === 0 ? '不到 1 分钟' : `${minutes} 分钟`;
}
