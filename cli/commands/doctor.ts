import { doctorJson, renderDoctor } from '../../doctor/render.ts';
import { runDoctor } from '../../doctor/run-doctor.ts';
import { exitCodes, type CliIo } from '../io.ts';

export interface DoctorOptions {
  readonly config: string;
  readonly db: string;
  readonly json: boolean;
  readonly send: boolean;
}

/** Exit 2 when the config does not load (as every command), 1 when anything is ✗, else 0. */
export async function runDoctorCommand(options: DoctorOptions, io: CliIo): Promise<number> {
  const report = await runDoctor(options.config, { db: options.db, env: io.env, send: options.send });
  io.stdout(options.json ? doctorJson(report) : renderDoctor(report, io.tty));
  if (report.configBroken) return exitCodes.badSetup;
  return report.lines.some((l) => l.mark === 'fail') ? exitCodes.problemsFound : exitCodes.ok;
}
