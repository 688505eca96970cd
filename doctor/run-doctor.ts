import { loadConfig, type Config } from '../config/load.ts';
import { ConfigError } from '../core/errors.ts';
import { doctorChecks } from './checks/registry.ts';
import type { DoctorLine, LocalContext } from './types.ts';

export interface DoctorReport {
  readonly lines: readonly DoctorLine[];
  /** The config did not load: only the checks that need no config ran. */
  readonly configBroken: boolean;
}

/** Loads the config, then runs every check that can run, all at once (each has its own deadline). */
export async function runDoctor(configFile: string, context: LocalContext): Promise<DoctorReport> {
  let config: Config;
  try {
    config = await loadConfig(configFile, context.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const broken: DoctorLine = {
      mark: 'fail',
      topic: '配置文件',
      subject: error.file,
      found: `有 ${error.issues.length} 处错误，需要配置的检查都没有进行`,
      fix: error.message,
    };
    const local = doctorChecks.flatMap((check) => (check.needsConfig ? [] : [check.run(context)]));
    return { lines: [broken, ...(await Promise.all(local)).flat()], configBroken: true };
  }
  const results = await Promise.all(doctorChecks.map((check) => check.run({ ...context, config })));
  return { lines: results.flat(), configBroken: false };
}
