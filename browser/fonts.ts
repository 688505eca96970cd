import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Noto Sans SC Regular from npm: screenshots must show the page's Chinese, not boxes, on a machine with no CJK font. */
function notoSansScDir(): string {
  return join(dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A fontconfig file for the browser (FONTCONFIG_FILE): the system's fonts when
 * there are any, the Latin fonts @sparticuz/chromium unpacks beside its binary,
 * and the Chinese font from npm, with the cache kept in `dir` (the data folder).
 */
export async function writeFontConfig(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const dirs = [notoSansScDir(), join(tmpdir(), 'fonts')].filter((d) => existsSync(d));
  const file = join(dir, 'fonts.conf');
  await writeFile(
    file,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      // The first writable cachedir wins: ours, before the system's.
      `  <cachedir>${escapeXml(join(dir, 'fontconfig-cache'))}</cachedir>`,
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      ...dirs.map((d) => `  <dir>${escapeXml(d)}</dir>`),
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  return file;
}
