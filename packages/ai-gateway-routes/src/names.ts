/** RFC 1123 label: what Kubernetes accepts as a name segment and what Services derived from names need. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 subdomain (object names of most kinds). */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/** A hostname such as "x.openai.azure.com" (lowercase labels, at least two). */
export function isHostname(name: string): boolean {
  return isDnsSubdomain(name) && name.includes(".") && name.split(".").every((l) => l.length <= 63);
}

/** "2025-01-01-preview" → "2025-01-01-preview"; lowercases and replaces anything else by "-". */
export function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
