/** Edit distance, small inputs only (config keys). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The known key a misspelt one most likely meant (appid → appId, timeout → timeoutMs), if any is close. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const k of known) {
    if (k === key) continue; // valid elsewhere (appid on a mini program button), not here
    const d = k.toLowerCase() === lower ? 0 : k.toLowerCase().startsWith(lower) ? 1 : distance(lower, k.toLowerCase());
    if (d <= Math.max(2, Math.floor(k.length / 4)) && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}
