/**
 * talhelper runs envsubst (github.com/a8m/envsubst, restricted: unset variables are errors) over
 * talconfig.yaml and over every patch file before parsing them. A literal `$` must therefore be written
 * `$$` — which is why the reference's controller patch reads `$$patch: delete`. The builders produce the
 * values Talos should end up with; this step applies talhelper's escaping just before serialization.
 *
 * `keep` lists the placeholders that *are* meant for talhelper (`${talosVersion}` from talenv.yaml).
 */
export function escapeForTalhelper<T>(value: T, keep: readonly string[] = []): T {
  const escape = (s: string): string => (keep.includes(s) ? s : s.replace(/\$/g, () => "$$"));
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return escape(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [escape(k), walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}
