import type { DoctorCheck } from '../types.ts';

/** The config loaded (the runner reports when it does not); each of its warnings is a line of its own. */
export const configCheck: DoctorCheck = {
  needsConfig: true,
  run: async ({ config }) => [
    { mark: 'ok', topic: '配置文件', subject: config.file, found: `可以读取：${config.accounts.length} 个账号，${config.channels.length} 个消息渠道` },
    ...config.warnings.map((warning) => ({ mark: 'warn' as const, topic: '配置文件', subject: config.file, found: warning })),
  ],
};
