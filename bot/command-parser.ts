/**
 * Chat commands as people type them on a phone: Chinese or English words,
 * full-width letters and spaces, the U+2005 WeChat puts after an @mention,
 * account names separated by spaces, commas or 、.
 */
export const commandNames = ['help', 'check', 'status', 'fixed', 'updated', 'confirm', 'report'] as const;
export type CommandName = (typeof commandNames)[number];

const aliases: Readonly<Record<string, CommandName>> = {
  帮助: 'help',
  help: 'help',
  '?': 'help',
  检查: 'check',
  巡检: 'check',
  check: 'check',
  状态: 'status',
  status: 'status',
  已整改: 'fixed',
  已修复: 'fixed',
  已改好: 'fixed',
  fixed: 'fixed',
  已更新: 'updated',
  updated: 'updated',
  确认: 'confirm',
  confirm: 'confirm',
  报告: 'report',
  report: 'report',
};

export type ParsedCommand = { readonly name: CommandName; readonly args: readonly string[] } | { readonly unknown: string };

/** Longer messages are not commands: nobody types a paragraph at the bot. */
export const maxCommandLength = 300;

export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Zero-width characters join what they sit in (帮\u200b助 is 帮助); control characters separate.
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g, '')
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Longest first, so 已整改 is not read as a shorter alias. */
const aliasList = Object.keys(aliases).sort((a, b) => b.length - a.length);
const isHan = (word: string) => /\p{Script=Han}/u.test(word);

/** null: nothing to answer (empty or too long to be a command). */
export function parseCommand(text: string): ParsedCommand | null {
  const clean = normalizeText(text);
  if (clean === '' || clean.length > maxCommandLength) return null;
  const body = clean.replace(/^\//, '');
  const lower = body.toLowerCase();
  // Chinese command words may run straight into the account name (已整改扎兰屯12333); English ones need a space.
  const alias = aliasList.find((a) => (isHan(a) ? body.startsWith(a) : lower === a || lower.startsWith(`${a} `)));
  if (!alias) return { unknown: body.split(' ')[0]! };
  const args = body
    .slice(alias.length)
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  return { name: aliases[alias]!, args };
}
