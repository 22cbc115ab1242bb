/** Levenshtein distance (insert, delete, substitute; each costs 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const normalize = (key: string) => key.toLowerCase().replace(/[-_\s.]/g, "");

/**
 * The closest known key to a misspelt one, or undefined when nothing is close. Case, `-`, `_`
 * and `.` are ignored, so `nodeCidr`, `node-cidr` and `Node_CIDR` all suggest `node_cidr`.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const wanted = normalize(input);
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const prefix = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && a[n] === b[n]) n++;
    return n;
  };
  let best: { key: string; distance: number; prefix: number } | undefined;
  for (const key of candidates) {
    const normalized = normalize(key);
    const distance = editDistance(wanted, normalized);
    const shared = prefix(wanted, normalized);
    // Closest first; on a tie the key that shares the longer beginning ("mac_address" → "mac_addr").
    if (distance <= limit && (!best || distance < best.distance || (distance === best.distance && shared > best.prefix))) {
      best = { key, distance, prefix: shared };
    }
  }
  if (best) return best.key;
  // A fragment of a longer key ("labels" for "nodeLabels", "vlan" for "node_vlan_tag").
  if (wanted.length >= 4) {
    const containing = candidates.filter((key) => normalize(key).includes(wanted));
    if (containing.length === 1) return containing[0];
  }
  return undefined;
}
