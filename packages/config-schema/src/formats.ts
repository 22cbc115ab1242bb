import { z } from "zod";
import { CIDR4_RE, IPV4_RE, formatCidr4, parseCidr4 } from "./ipv4.js";

/**
 * Zod building blocks for cluster.yaml values. Each check carries a message that says what is
 * wrong and how to fix it; the key path is added by the caller, so messages never name their key.
 * Only non-secret values (addresses, domains, names) are ever quoted back.
 */

export const quote = (value: unknown) => JSON.stringify(value);
/** The `.meta()` of a key: its description and, when given, examples for the editor schema. */
export const doc = (description: string, examples?: unknown[]) => (examples ? { description, examples } : { description });
const EMPTY = "Empty value. Set a value or remove it.";

export function ipv4() {
  return z.string().regex(IPV4_RE, {
    error: (issue) => {
      const input = String(issue.input);
      if (input === "") return "Empty value. Set an IPv4 address such as 192.168.1.10.";
      if (/^[0-9.]+\/[0-9]+$/.test(input)) {
        return `${quote(input)} is a CIDR, not an address. Write the address alone, e.g. ${input.split("/")[0]}.`;
      }
      return `${quote(input)} is not an IPv4 address. Write four numbers 0-255 separated by dots, e.g. 192.168.1.10.`;
    },
  });
}

export function cidr4() {
  return z
    .string()
    .regex(CIDR4_RE, {
      error: (issue) => {
        const input = String(issue.input);
        if (input === "") return "Empty value. Set a network in CIDR notation such as 192.168.1.0/24.";
        if (IPV4_RE.test(input)) {
          return `${quote(input)} has no prefix length. Write the network in CIDR notation, e.g. ${input}/24.`;
        }
        return `${quote(input)} is not an IPv4 network in CIDR notation. Write it as address/prefix, e.g. 192.168.1.0/24.`;
      },
    })
    .refine(
      (value) => {
        const cidr = parseCidr4(value);
        return !cidr || cidr.address === cidr.network;
      },
      {
        error: (issue) => {
          const cidr = parseCidr4(String(issue.input));
          const canonical = cidr ? formatCidr4(cidr) : "";
          return `${quote(issue.input)} has host bits set. Write the network address instead: ${canonical}.`;
        },
      },
    );
}

const FQDN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function fqdnMessage(input: string): string {
  if (input === "") return "Empty value. Set a domain name such as example.com.";
  const host = input.replace(/^[a-z]+:\/\//i, "").replace(/[/:].*$/, "");
  if (host !== input && FQDN.test(host.toLowerCase())) {
    return `${quote(input)} is a URL. Write the domain name alone: ${host.toLowerCase()}.`;
  }
  if (FQDN.test(input.toLowerCase())) return `${quote(input)} has uppercase letters. Write it in lowercase: ${input.toLowerCase()}.`;
  if (input.endsWith(".") && FQDN.test(input.slice(0, -1))) {
    return `${quote(input)} ends with a dot. Write it without the trailing dot: ${input.slice(0, -1)}.`;
  }
  if (IPV4_RE.test(input)) return `${quote(input)} is an IP address. Write a domain name here, e.g. example.com.`;
  if (!input.includes(".")) return `${quote(input)} is not a fully qualified domain name. Include the parent domain, e.g. ${input}.example.com.`;
  return `${quote(input)} is not a valid domain name. Use lowercase labels of letters, digits and hyphens separated by dots, e.g. example.com.`;
}

export function fqdn() {
  return z.string().regex(FQDN, { error: (issue) => fqdnMessage(String(issue.input)) });
}

/** A non-empty string (the reference's `string & !=""`). */
export function text(empty: string = EMPTY) {
  return z.string().min(1, { error: empty });
}

/** A whole number in [min, max], given as a YAML number or a numeric string ("64512"); resolves to a number. */
export function integerish(min: number, max: number, what: string) {
  const range = (issue: { input: unknown }) =>
    `${quote(issue.input)} is out of range. Use ${what} between ${min} and ${max}.`;
  return z
    .union(
      [
        z.number().int().min(min, { error: range }).max(max, { error: range }),
        z.string().regex(/^[0-9]+$/, {
          error: (issue) => `${quote(issue.input)} is not a whole number. Write ${what} as digits only, e.g. ${min === 1 ? 100 : min}.`,
        }),
      ],
      { error: () => `Expected ${what} as a whole number between ${min} and ${max}, e.g. ${min === 1 ? 100 : min}.` },
    )
    .transform((value) => Number(value))
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }));
}

export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) =>
      typeof issue.input === "string"
        ? `${quote(issue.input)} is not allowed. Use one of: ${values.map((v) => quote(v)).join(", ")}.`
        : `Expected one of ${values.map((v) => quote(v)).join(", ")}. Write one of them as text.`,
  });
}

export const MAC_PATTERN = /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/;

export function macAddress() {
  return z.string().regex(MAC_PATTERN, {
    error: (issue) => {
      const input = String(issue.input);
      if (MAC_PATTERN.test(input.toLowerCase())) {
        return `${quote(input)} has uppercase letters. Write the MAC address in lowercase: ${input.toLowerCase()}.`;
      }
      const compact = input.toLowerCase().replace(/[^0-9a-f]/g, "");
      if (compact.length === 12 && /^[0-9a-f]{2}([-.]?[0-9a-f]{2}){5}$|^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(input.toLowerCase())) {
        const fixed = compact.match(/../g)?.join(":") ?? "";
        return `${quote(input)} uses the wrong separators. Write six lowercase hex pairs separated by colons: ${fixed}.`;
      }
      return `${quote(input)} is not a MAC address. Write six lowercase hex pairs separated by colons, e.g. 00:11:22:33:44:55.`;
    },
  });
}

export const SCHEMATIC_PATTERN = /^[0-9a-f]{64}$/;

export function schematicId() {
  return z.string().regex(SCHEMATIC_PATTERN, {
    error: (issue) => {
      const input = String(issue.input);
      if (SCHEMATIC_PATTERN.test(input.toLowerCase())) {
        return "The schematic ID has uppercase letters. Write it in lowercase, exactly as the Talos Image Factory shows it.";
      }
      if (/^[0-9a-fA-F]*$/.test(input)) {
        return `The schematic ID has ${input.length} characters; it must have exactly 64 hex characters. Copy the full ID from the Talos Image Factory (factory.talos.dev).`;
      }
      return "The schematic ID must be 64 lowercase hex characters (0-9, a-f). Copy it from the Talos Image Factory (factory.talos.dev).";
    },
  });
}

/** An RFC 1123 DNS label: a node name, an MCP server name. */
export const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** An RFC 1123 DNS subdomain: a label key prefix, an upstream host. */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
export const RESERVED_NODE_NAMES = ["global", "controller", "worker"] as const;

export function nodeName() {
  return z
    .string()
    .regex(DNS_LABEL, {
      error: (issue) => {
        const input = String(issue.input);
        if (input === "") return "Empty value. Give the node a hostname such as k8s-0.";
        if (DNS_LABEL.test(input.toLowerCase())) {
          return `${quote(input)} has uppercase letters. Write the node name in lowercase: ${input.toLowerCase()}.`;
        }
        if (input.length > 63) return `${quote(input)} is ${input.length} characters long. Use at most 63 characters.`;
        return `${quote(input)} is not a valid node name. Use lowercase letters, digits and hyphens, starting and ending with a letter or digit (e.g. k8s-0).`;
      },
    })
    .refine((value) => !(RESERVED_NODE_NAMES as readonly string[]).includes(value), {
      error: (issue) =>
        `${quote(issue.input)} is reserved (the names ${RESERVED_NODE_NAMES.map((n) => quote(n)).join(", ")} are patch directories). Choose another node name, e.g. k8s-0.`,
    });
}

export const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

export function repositoryName() {
  return z.string().regex(REPOSITORY_PATTERN, {
    error: (issue) => {
      const input = String(issue.input);
      if (input === "") return 'Empty value. Set the GitHub repository as "owner/repo".';
      const url = /^(?:https?:\/\/|git@|ssh:\/\/git@)?github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(input);
      if (url && REPOSITORY_PATTERN.test(`${url[1]}/${url[2]}`)) {
        return `${quote(input)} is a URL. Write only "owner/repo": ${url[1]}/${url[2]}.`;
      }
      return `${quote(input)} is not a GitHub repository name. Write it as "owner/repo", e.g. my-org/home-cluster.`;
    },
  });
}

export const PROXMOX_TOKEN_ID_PATTERN = /^[^\s@!]+@[^\s@!]+![^\s@!]+$/;

export function proxmoxTokenId() {
  return z.string().regex(PROXMOX_TOKEN_ID_PATTERN, {
    error: (issue) =>
      `${quote(issue.input)} is not a Proxmox API token ID. Write it as user@realm!token, e.g. kubernetes-csi@pve!csi.`,
  });
}

export const PROXMOX_URL_PATTERN = /^https?:\/\/.+\/api2\/json$/;

export function proxmoxUrl() {
  return z.string().regex(PROXMOX_URL_PATTERN, {
    error: (issue) => {
      const input = String(issue.input);
      if (/^https?:\/\/[^/]+\/?$/.test(input)) {
        return `${quote(input)} lacks the API path. Append /api2/json: ${input.replace(/\/$/, "")}/api2/json.`;
      }
      return `${quote(input)} is not a Proxmox API URL. Write it as https://<host>:8006/api2/json.`;
    },
  });
}

// Kubernetes label syntax (apimachinery validation): optional DNS-subdomain prefix + "/" + name.
const LABEL_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?)$/;

export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  if (slash === -1) return LABEL_NAME.test(key);
  return DNS_SUBDOMAIN.test(key.slice(0, slash)) && LABEL_NAME.test(key.slice(slash + 1));
}

export function nodeLabels() {
  return z.record(
    z.string().refine(isLabelKey, {
      error: (issue) =>
        `${quote(issue.input)} is not a valid Kubernetes label key. Use an optional DNS prefix and a name of up to 63 letters, digits, "-", "_" or ".", e.g. topology.kubernetes.io/zone.`,
    }),
    z.string().regex(LABEL_VALUE, {
      error: (issue) =>
        `${quote(issue.input)} is not a valid Kubernetes label value. Use up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`,
    }),
  );
}
