import type { TreeIssue } from "./issue.js";
import { arr, obj, str, type ParsedTree } from "./tree-model.js";

type Json = Record<string, unknown>;

/** A Keycloak realm export (JSON) stored under one key of a Secret's `stringData` or a ConfigMap's `data`. */
function realmsIn(d: Json): { field: string; key: string; realm: Json }[] {
  const field = d.kind === "Secret" ? "stringData" : d.kind === "ConfigMap" ? "data" : undefined;
  if (d.apiVersion !== "v1" || !field) return [];
  const out: { field: string; key: string; realm: Json }[] = [];
  for (const [key, text] of Object.entries(obj(d[field]) ?? {})) {
    if (!key.endsWith(".json") || typeof text !== "string") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const realm = obj(value);
    if (realm && typeof realm.realm === "string" && Array.isArray(realm.clients)) out.push({ field, key, realm });
  }
  return out;
}

/**
 * No wildcard in a Keycloak client's redirect URIs, post-logout redirect URIs or web origins
 * (MCP/OAuth 2.1 require exact redirect URI matching; `*` origins let any site call with the
 * user's session). Web origins may be `+`: "the origins of the redirect URIs".
 */
export function checkKeycloakRealms(tree: ParsedTree): TreeIssue[] {
  const out: TreeIssue[] = [];
  for (const d of tree.documents) {
    for (const { field, key, realm } of realmsIn(d.value)) {
      const at = `${field}["${key}"]`;
      arr(realm.clients).forEach((client, i) => {
        const c = obj(client) ?? {};
        const name = `Keycloak client "${str(c.clientId) ?? i}" (clients[${i}])`;
        const report = (where: string, value: string, fix: string): void => {
          out.push({ file: d.file, document: d.index, path: at, rule: "keycloak-realm", message: `${name} ${where} "${value}" contains a wildcard. ${fix}` });
        };
        arr(c.redirectUris).forEach((u, j) => {
          if (typeof u === "string" && u.includes("*")) report(`redirectUris[${j}]`, u, "List each exact redirect URI (https://host/path) instead; wildcards allow open redirects.");
        });
        const logout = str(obj(c.attributes)?.["post.logout.redirect.uris"]);
        for (const u of logout?.split("##") ?? []) {
          if (u.includes("*")) report(`attributes."post.logout.redirect.uris"`, u, 'List each exact URI, joined with "##", or "+" for the redirect URIs.');
        }
        arr(c.webOrigins).forEach((o, j) => {
          if (typeof o === "string" && o.includes("*")) report(`webOrigins[${j}]`, o, 'List exact origins (https://host) or "+" (the origins of the redirect URIs).');
        });
      });
    }
  }
  return out;
}
