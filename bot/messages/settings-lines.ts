/** Settings the office should fix (a dictionary line that did not load…), as every message that carries them says it. */
export function settingsLines(warnings: readonly string[]): string[] {
  return warnings.length > 0 ? ['', '请检查设置（改好后下次巡检自动生效）：', ...warnings.map((w) => `• ${w}`)] : [];
}
