import type { Config } from '../../config/load.ts';
import { loadConfig } from '../../config/load.ts';
import type { Demo } from './demo.ts';

export const admin = { name: '张丽', remark: '张丽-政务公开办' };
export const workGroup = '菜单巡检工作群';

/** The demo's config with an office admin, a work group, no gap between messages and no quiet hours. */
export async function botConfig(demo: Demo, overrides: Partial<Config['bot']> = {}): Promise<Config> {
  const config = await loadConfig(demo.configPath, demo.env);
  return {
    ...config,
    bot: { ...config.bot, admins: [admin], workGroup, messageGapMs: { min: 0, max: 5 }, session: `${demo.dir}/bot`, ...overrides },
    // Tests run at any hour: quiet hours would hold their messages until morning.
    schedule: { ...config.schedule, quietHours: false },
  };
}
