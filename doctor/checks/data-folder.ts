import { randomUUID } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { DoctorCheck } from '../types.ts';

const fixText = '请给运行 menu-patrol 的用户这个文件夹的写入权限，或用 --db 把数据文件放到可以写入的文件夹。';

/**
 * Whether the data file's folder takes a new file: a temporary one is created
 * and removed there. The data file itself is never opened, so doctor is safe
 * to run beside a running bot. A folder that does not exist yet is fine when
 * its nearest existing parent is writable: the first sweep creates it.
 */
export const dataFolderCheck: DoctorCheck = {
  needsConfig: false,
  run: async ({ db }) => {
    const folder = dirname(db);
    const line = { topic: '数据文件夹', subject: folder };
    let existing = resolve(folder);
    let kind = await kindOf(existing);
    while (kind === 'missing' && dirname(existing) !== existing) {
      existing = dirname(existing);
      kind = await kindOf(existing);
    }
    // Shown as the clerk typed it: relative to where they ran the command.
    const shown = relative(process.cwd(), existing) || '.';
    if (kind !== 'folder') {
      return [{ ...line, mark: 'fail', found: `${shown} 不是文件夹，数据文件放不进去`, fix: `请把 ${shown} 这个文件移走或改名，或用 --db 把数据文件放到别的文件夹。` }];
    }
    const refused = await writeProbe(existing);
    if (refused) return [{ ...line, mark: 'fail', found: `${shown} 不能写入（${refused}）`, fix: fixText }];
    const exists = existing === resolve(folder);
    return [{ ...line, mark: 'ok', found: exists ? '可以写入' : '还没有这个文件夹，第一次巡检时会自动创建（上级文件夹可以写入）' }];
  },
};

/** ENOTDIR (a file where a folder should be) walks up to that file; any other error is left to the write probe to name. */
async function kindOf(path: string): Promise<'folder' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'folder';
  }
}

/** The error code when a file cannot be created in `folder`, else undefined. */
async function writeProbe(folder: string): Promise<string | undefined> {
  const probe = join(folder, `.menu-patrol-doctor-${randomUUID()}`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'ERROR';
  }
  await rm(probe, { force: true });
  return undefined;
}
