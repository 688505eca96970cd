import type { Config } from '../../config/load.ts';
import { formatLocal } from '../../core/time.ts';
import { daysUntil } from '../../schedules/countdown.ts';
import { nextFireTimes } from '../../schedules/fire-times.ts';
import { jobTable } from '../../schedules/jobs.ts';
import { exitCodes, type CliIo } from '../io.ts';

const targetText = (t: Config['schedule']['jobs'][number]['accounts']) =>
  t === 'all' ? '全部账号' : Array.isArray(t) ? t.join('、') : `随机抽查 ${t.sample} 个账号`;

/** The job table with each job's next five fire times, and the countdown to each inspection. */
export function renderSchedule(config: Config, now: Date): string {
  const tz = config.timezone;
  const lines = [`定时任务（时区 ${tz}，现在 ${formatLocal(now.toISOString(), tz)}）：`, ''];
  for (const job of jobTable(config)) {
    const next = nextFireTimes(job.cron, tz, now, 5, job.filter);
    const what = job.name === 'countdown' ? '检查涉及的账号' : targetText(job.targets);
    lines.push(`■ ${job.label}（${what}）`);
    lines.push(next.length > 0 ? `  接下来：${next.map((d) => formatLocal(d.toISOString(), tz)).join('；')}` : '  近期没有安排');
  }
  const q = config.schedule.quietHours;
  lines.push('', q ? `免打扰时段：${q.from}–${q.to}（期间可以巡检，提醒消息等到 ${q.to} 再发）` : '免打扰时段：无');
  if (config.inspections.length > 0) {
    lines.push('', '检查倒计时：');
    for (const x of config.inspections) {
      const days = daysUntil(x, now, tz);
      const when = days > 0 ? `还有 ${days} 天` : days === 0 ? '就是今天' : '已结束';
      lines.push(`■ ${x.name}（${x.date}，${x.accounts === 'all' ? '全部账号' : x.accounts.join('、')}）：${when}`);
      // Today's reminder may already be past; the next one is the largest remind day still ahead or today.
      const upcoming = x.remindDays.filter((d) => d <= days).sort((a, b) => b - a)[0];
      if (days > 0) lines.push(`  提醒安排：检查前 ${x.remindDays.join('、')} 天巡检并提醒负责人${upcoming ? `，下一次是检查前 ${upcoming} 天` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function runSchedule(config: Config, io: CliIo, now = new Date()): number {
  io.stdout(renderSchedule(config, now));
  return exitCodes.ok;
}
