/** Python `pathlib` pattern semantics: `PurePath.match` (right-anchored) and `Path.glob` (with `**`). */

const cache = new Map<string, RegExp>();

/** `fnmatch.fnmatchcase` translated to a RegExp for one path component. */
function segmentRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith("!");
        if (negate) body = body.slice(1);
        body = body.replace(/\\/g, "\\\\").replace(/\^/g, "\\^");
        re += `[${negate ? "^" : ""}${body}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const out = new RegExp(`^${re}$`, "s");
  cache.set(pattern, out);
  return out;
}

function parts(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}

/** Python 3.11 `PurePosixPath(path).match(pattern)`. */
export function pathMatch(path: string, pattern: string): boolean {
  if (!pattern) throw new Error("empty pattern");
  const absolute = pattern.startsWith("/");
  const pathParts = parts(path);
  const patParts = parts(pattern);
  if (absolute && !path.startsWith("/")) return false;
  if (absolute ? patParts.length !== pathParts.length : patParts.length > pathParts.length) return false;
  const tail = pathParts.slice(pathParts.length - patParts.length);
  return patParts.every((p, i) => segmentRegExp(p).test(tail[i]!));
}

/** Whether relative `path` is matched by a `Path.glob` pattern (`**` spans zero or more directories). */
export function globMatch(path: string, pattern: string): boolean {
  const pathParts = parts(path);
  const patParts = parts(pattern);
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let result: boolean;
    if (j === patParts.length) result = i === pathParts.length;
    else if (patParts[j] === "**") result = go(i, j + 1) || (i < pathParts.length && go(i + 1, j));
    else result = i < pathParts.length && segmentRegExp(patParts[j]!).test(pathParts[i]!) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  // Path.glob("**") yields directories only; a pattern ending in ** matches dirs — callers pass the kind.
  return go(0, 0);
}

/** Python's ordering of `Path` objects: component-wise, not by the joined string. */
export function comparePaths(a: string, b: string): number {
  const pa = a.split("/");
  const pb = b.split("/");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}
