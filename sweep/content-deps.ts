/**
 * What the content checks need for one sweep: the office's rules, the
 * dictionary read from disk (the office may have edited it since the last
 * sweep) and the dates owners reported. A broken dictionary line is a
 * warning for the office, never a reason not to sweep.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/load.ts';
import { parseDictionary } from '../content/dictionary.ts';
import type { ReportedUpdate } from '../store/schema.ts';
import { WordMatcher } from '../content/match-words.ts';
import type { ContentDeps } from './check-content.ts';

/** The starter dictionary shipped with menu-patrol, used until an office names its own. */
export const defaultDictionaryFile = fileURLToPath(new URL('../content/dictionary/default.yaml', import.meta.url));

export function contentDeps(config: Config, reported: Readonly<Record<string, ReportedUpdate>>): { deps: ContentDeps; warnings: string[] } {
  const file = config.content.dictionary ? resolve(dirname(config.file), config.content.dictionary) : defaultDictionaryFile;
  const rules = { ...config.content, timeZone: config.timezone };
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message;
    return { deps: { rules, matcher: null, dictionary: 'none', reported }, warnings: [`错敏词词典 ${file} 无法读取（${why}），这次只检查更新情况和个人信息，不检查错敏字`] };
  }
  const dictionary = parseDictionary(source, file);
  return { deps: { rules, matcher: new WordMatcher(dictionary), dictionary: dictionary.fingerprint, reported }, warnings: [...dictionary.issues] };
}
