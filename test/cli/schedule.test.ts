import test from 'ava';
import { renderSchedule } from '../../cli/commands/schedule.ts';
import { parseConfig } from '../../config/load.ts';

const now = new Date('2026-11-26T02:00:00Z'); // 10:00 in 扎兰屯

test('menu-patrol schedule lists each job with its next five runs in local time, and the countdown', (t) => {
  const config = parseConfig(
    [
      'schedule:',
      '  jobs:',
      '    - { name: 每周抽查, cron: "0 10 * * 1", accounts: { sample: 5 } }',
      'inspections:',
      '  - { name: 呼伦贝尔市政务新媒体服务项专项检查, date: 2026-12-15 }',
      'accounts:',
      '  - { name: 扎兰屯政务, platform: weibo }',
    ].join('\n'),
    'menu-patrol.yaml',
    {},
    now,
  );
  t.snapshot(renderSchedule(config, now));
});
