import { type Cidr4, cidrContains, cidrsOverlap, formatIpv4, parseCidr4, parseIpv4 } from "./ipv4.js";
import type { PathSegment } from "./issues.js";
import { bgpEnabled, defaultGateway, resolveDomains } from "./resolve.js";
import type { ClusterConfig, McpServerConfig, NodeConfig } from "./schema.js";
import type { RawIssue } from "./zod-issues.js";

/**
 * Cross-field rules (the ones the reference's CUE schema lacks), checked all at once.
 * They run on every value that is valid on its own, so one bad key does not hide the others.
 */
export interface RuleInput {
  /** Keys of cluster.yaml that are valid on their own, with schema defaults applied. */
  cluster: Partial<ClusterConfig>;
  /** Keys the user wrote in cluster.yaml (set explicitly, whatever their value). */
  clusterKeys: ReadonlySet<string>;
  /** Per node, the fields that are valid on their own; undefined when nodes.yaml has no usable list. */
  nodes: Partial<NodeConfig>[] | undefined;
  /** Per entry of agentgateway_mcp_servers, the fields that are valid on their own (even when another entry is not). */
  mcpServers?: Partial<McpServerConfig>[];
}

export interface RuleResult {
  errors: RawIssue[];
  warnings: RawIssue[];
}

type Key = keyof ClusterConfig & string;

const LB_KEYS = [
  "cluster_gateway_addr",
  "cluster_dns_gateway_addr",
  "cloudflare_gateway_addr",
  "envoy_ai_gateway_addr",
  "agentgateway_addr",
] as const satisfies readonly Key[];

const BGP_KEYS = ["cilium_bgp_router_addr", "cilium_bgp_router_asn", "cilium_bgp_node_asn"] as const satisfies readonly Key[];

const AZURE_ENTRA_KEYS = ["azure_tenant_id", "azure_client_id", "azure_client_secret"] as const satisfies readonly Key[];
const KEYCLOAK_ENTRA_KEYS = [
  "keycloak_entra_id_tenant_id",
  "keycloak_entra_id_client_id",
  "keycloak_entra_id_client_secret",
] as const satisfies readonly Key[];

const REGIONS = [
  { key: "azure_openai_us_east_api_key", resource: "azure_openai_us_east_resource_name" },
  { key: "azure_openai_us_east2_api_key", resource: "azure_openai_us_east2_resource_name" },
] as const satisfies readonly { key: Key; resource: Key }[];

function list(keys: readonly string[]): string {
  if (keys.length <= 1) return keys.join("");
  return `${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]}`;
}

interface AddressEntry {
  source: RawIssue["source"];
  path: PathSegment[];
  /** How to name it in a message: "cluster_api_addr" or 'node "k8s-0"'. */
  label: string;
  value: number;
  text: string;
  nodeName?: string;
  /** Not written by the user (the derived default gateway): never the place to report. */
  derived?: boolean;
}

export function checkRules(input: RuleInput): RuleResult {
  const { cluster, clusterKeys } = input;
  const errors: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  const error = (path: PathSegment[], message: string, anchor?: PathSegment[], source: RawIssue["source"] = "cluster") =>
    errors.push({ source, path, message, ...(anchor ? { anchor } : {}) });
  const warn = (path: PathSegment[], message: string, anchor?: PathSegment[]) =>
    warnings.push({ source: "cluster", path, message, ...(anchor ? { anchor } : {}) });
  const has = (key: Key) => cluster[key] !== undefined && cluster[key] !== "";
  const written = (key: string) => clusterKeys.has(key);

  // --- Cloudflare domains ---------------------------------------------------------------
  if (!written("cloudflare_domains") && !written("cloudflare_domain")) {
    error(["cloudflare_domains"], "Missing required key cloudflare_domains. Add it, e.g. cloudflare_domains: [example.com].");
  } else if (
    (cluster.cloudflare_domains !== undefined || !written("cloudflare_domains")) &&
    (cluster.cloudflare_domain !== undefined || !written("cloudflare_domain"))
  ) {
    const domains = resolveDomains(cluster as Pick<ClusterConfig, "cloudflare_domains" | "cloudflare_domain">);
    const fromLegacy = resolveDomains({ cloudflare_domains: cluster.cloudflare_domains }).length === 0;
    if (domains.length === 0) {
      error(["cloudflare_domains"], "Empty list. Add at least one domain, e.g. cloudflare_domains: [example.com].");
    } else if (written("cloudflare_domain")) {
      if (fromLegacy) {
        warn(["cloudflare_domain"], "cloudflare_domain is the legacy spelling. Rename it to cloudflare_domains.");
      } else {
        warn(["cloudflare_domain"], "cloudflare_domain is ignored because cloudflare_domains is set. Remove cloudflare_domain.");
      }
    }
    const listKey = fromLegacy ? "cloudflare_domain" : "cloudflare_domains";
    const asList = typeof cluster[listKey] !== "string";
    domains.forEach((domain, index) => {
      const first = domains.indexOf(domain);
      if (first !== index && asList) {
        error([listKey, index], `${domain} is listed twice (also entry ${first + 1}). Remove the duplicate.`);
      }
    });
  }

  // --- Networks ---------------------------------------------------------------------------
  const nodeCidr = cluster.node_cidr !== undefined ? parseCidr4(cluster.node_cidr) : undefined;
  if (nodeCidr && nodeCidr.prefix > 30) {
    error(
      ["node_cidr"],
      `${cluster.node_cidr} is too small: node_cidr must hold the default gateway, the API address and every node. Use a /30 or larger network (a /24 is typical).`,
    );
  }
  const networks: { key: Key; cidr: Cidr4 }[] = [];
  for (const key of ["node_cidr", "cluster_pod_cidr", "cluster_svc_cidr"] as const) {
    const text = cluster[key];
    const cidr = text !== undefined ? parseCidr4(text) : undefined;
    if (cidr) networks.push({ key, cidr });
  }
  for (let i = 0; i < networks.length; i++) {
    for (let j = i + 1; j < networks.length; j++) {
      const a = networks[i]!;
      const b = networks[j]!;
      if (!cidrsOverlap(a.cidr, b.cidr)) continue;
      // Report at the key the user wrote (the later one when both are written).
      const [here, other] = written(b.key) || !written(a.key) ? [b, a] : [a, b];
      const relation =
        here.cidr.prefix < other.cidr.prefix ? "contains" : here.cidr.prefix > other.cidr.prefix ? "is inside" : "overlaps";
      const otherText = `${other.key} ${cluster[other.key]}${written(other.key) ? "" : " (the default)"}`;
      error(
        [here.key],
        `${cluster[here.key]} ${relation} ${otherText}. The node, pod and service networks must not overlap: choose a different range.`,
      );
    }
  }

  // --- Addresses ------------------------------------------------------------------------
  const bgpOn = bgpEnabled(cluster as Pick<ClusterConfig, (typeof BGP_KEYS)[number]>);
  const entries: AddressEntry[] = [];
  const clusterEntry = (key: Key): AddressEntry | undefined => {
    const text = cluster[key];
    if (typeof text !== "string") return undefined;
    const value = parseIpv4(text);
    return value === undefined ? undefined : { source: "cluster", path: [key], label: key, value, text };
  };

  const range = nodeCidr ? `${formatIpv4(nodeCidr.network + 1)} and ${formatIpv4(nodeCidr.broadcast - 1)}` : "";
  const placeInNodeCidr = (entry: AddressEntry, extra = "") => {
    if (!nodeCidr || !cluster.node_cidr || nodeCidr.prefix > 30) return;
    const use = `Use an address between ${range}${extra}.`;
    if (!cidrContains(nodeCidr, entry.value)) {
      errors.push({ source: entry.source, path: entry.path, message: `${entry.text} is outside node_cidr ${cluster.node_cidr}. ${use}` });
    } else if (entry.value === nodeCidr.network) {
      errors.push({ source: entry.source, path: entry.path, message: `${entry.text} is the network address of node_cidr ${cluster.node_cidr}. ${use}` });
    } else if (entry.value === nodeCidr.broadcast) {
      errors.push({ source: entry.source, path: entry.path, message: `${entry.text} is the broadcast address of node_cidr ${cluster.node_cidr}. ${use}` });
    }
  };
  const outsideClusterNetworks = (entry: AddressEntry) => {
    for (const key of ["cluster_pod_cidr", "cluster_svc_cidr"] as const) {
      const cidr = cluster[key] !== undefined ? parseCidr4(cluster[key]) : undefined;
      if (cidr && cidrContains(cidr, entry.value)) {
        errors.push({
          source: entry.source,
          path: entry.path,
          message: `${entry.text} is inside ${key} ${cluster[key]}. Use an address outside the pod and service networks.`,
        });
      }
    }
  };

  const api = clusterEntry("cluster_api_addr");
  if (api) {
    placeInNodeCidr(api);
    entries.push(api);
  }
  const gateway = clusterEntry("node_default_gateway");
  if (gateway) {
    placeInNodeCidr(gateway);
    entries.push(gateway);
  } else if (cluster.node_default_gateway === undefined && !written("node_default_gateway") && cluster.node_cidr && nodeCidr) {
    const text = defaultGateway(cluster.node_cidr);
    if (text) {
      entries.push({
        source: "cluster",
        path: ["node_default_gateway"],
        label: "the default gateway (node_default_gateway defaults to the first host of node_cidr)",
        value: parseIpv4(text) as number,
        text,
        derived: true,
      });
    }
  }
  for (const key of LB_KEYS) {
    const entry = clusterEntry(key);
    if (!entry) continue;
    if (bgpOn) outsideClusterNetworks(entry);
    else placeInNodeCidr(entry, ", or turn on BGP (cilium_bgp_router_addr, cilium_bgp_router_asn, cilium_bgp_node_asn) to announce it from elsewhere");
    entries.push(entry);
  }
  const router = clusterEntry("cilium_bgp_router_addr");
  if (router) outsideClusterNetworks(router);

  const nodes = input.nodes ?? [];
  nodes.forEach((node, index) => {
    if (node.address === undefined) return;
    const value = parseIpv4(node.address);
    if (value === undefined) return;
    const entry: AddressEntry = {
      source: "nodes",
      path: ["nodes", index, "address"],
      label: node.name ? `node "${node.name}"` : `nodes[${index}]`,
      value,
      text: node.address,
      ...(node.name ? { nodeName: node.name } : {}),
    };
    placeInNodeCidr(entry);
    entries.push(entry);
  });

  entries.forEach((entry, index) => {
    const first = entries.findIndex((e) => e.value === entry.value);
    if (first === index) return;
    const earlier = entries[first]!;
    if (entry.derived || earlier.derived) {
      // Report at the address the user wrote, never at the derived default gateway.
      const [written, derived] = entry.derived ? [earlier, entry] : [entry, earlier];
      errors.push({
        source: written.source,
        path: written.path,
        message: `${written.text} is ${derived.label}. Use another address, or set node_default_gateway to your router's address.`,
      });
      return;
    }
    if (entry.nodeName !== undefined && earlier.nodeName !== undefined) {
      errors.push({
        source: entry.source,
        path: entry.path,
        message: `Node "${entry.nodeName}" reuses ${entry.text} from node "${earlier.nodeName}". Give each node a unique address.`,
      });
      return;
    }
    errors.push({
      source: entry.source,
      path: entry.path,
      message: `${entry.text} is already used by ${earlier.label}. Give every node, VIP and gateway its own address.`,
    });
  });

  // The BGP router may be the default gateway, but never a node, a VIP or a load balancer.
  if (router) {
    const clash = entries.find((e) => e.value === router.value && e.path[0] !== "node_default_gateway");
    if (clash) {
      error(["cilium_bgp_router_addr"], `${router.text} is already used by ${clash.label}. Set cilium_bgp_router_addr to your BGP router's address.`);
    }
  }

  // --- Nodes ------------------------------------------------------------------------------
  if (input.nodes) {
    const seenName = new Map<string, number>();
    const seenMac = new Map<string, number>();
    input.nodes.forEach((node, index) => {
      const label = node.name ? `Node "${node.name}"` : `nodes[${index}]`;
      if (node.name !== undefined) {
        const first = seenName.get(node.name);
        if (first !== undefined) {
          error(["nodes", index, "name"], `Node name "${node.name}" is already used by nodes[${first}]. Give each node a unique name.`, undefined, "nodes");
        } else seenName.set(node.name, index);
      }
      if (node.mac_addr !== undefined) {
        const first = seenMac.get(node.mac_addr);
        if (first !== undefined) {
          const other = input.nodes![first]!;
          error(
            ["nodes", index, "mac_addr"],
            `${label} reuses MAC address ${node.mac_addr} from ${other.name ? `node "${other.name}"` : `nodes[${first}]`}. Give each node the MAC of its own network interface.`,
            undefined,
            "nodes",
          );
        } else seenMac.set(node.mac_addr, index);
      }
    });
    const controllers = input.nodes.filter((node) => node.controller === true).length;
    const undecided = input.nodes.some((node) => node.controller === undefined);
    if (input.nodes.length === 0) {
      error(["nodes"], "No nodes listed. Add at least one node with controller: true.", undefined, "nodes");
    } else if (controllers === 0 && !undecided) {
      error(["nodes"], "No controller node. Set controller: true on at least one node (1 or 3 controllers are typical).", undefined, "nodes");
    } else if (controllers > 1 && controllers % 2 === 0 && !undecided) {
      warnings.push({
        source: "nodes",
        path: ["nodes"],
        message: `${controllers} controllers: etcd tolerates no more failures with ${controllers} members than with ${controllers - 1}. Use an odd number of controllers (1, 3 or 5).`,
      });
    }
  }

  // --- BGP: all or nothing -----------------------------------------------------------------
  const bgpWritten = BGP_KEYS.filter((key) => written(key));
  if (bgpWritten.length > 0 && bgpWritten.length < BGP_KEYS.length) {
    for (const key of BGP_KEYS.filter((k) => !written(k))) {
      error(
        [key],
        `BGP needs all three of ${list(BGP_KEYS)}; ${key} is missing. Add it, or remove ${list(bgpWritten)} to leave BGP off.`,
        [bgpWritten[0]!],
      );
    }
  }

  // --- Proxmox CSI / CCM -------------------------------------------------------------------
  const pairs = [
    ["proxmox_csi_token_id", "proxmox_csi_token_secret", "Proxmox CSI"],
    ["proxmox_ccm_token_id", "proxmox_ccm_token_secret", "Proxmox CCM"],
  ] as const;
  for (const [id, secret, what] of pairs) {
    if (written(id) && !written(secret)) {
      error([secret], `${what} needs ${id} and ${secret} together; ${secret} is missing. Add it, or remove ${id}.`, [id]);
    } else if (written(secret) && !written(id)) {
      error([id], `${what} needs ${id} and ${secret} together; ${id} is missing. Add it (user@realm!token), or remove ${secret}.`, [secret]);
    }
  }
  if (written("proxmox_csi_token_id") && written("proxmox_csi_token_secret") && !written("proxmox_api_url")) {
    error(
      ["proxmox_api_url"],
      "Proxmox CSI is on (proxmox_csi_token_id and proxmox_csi_token_secret are set) but proxmox_api_url is missing. Add it, e.g. proxmox_api_url: https://pve.example.com:8006/api2/json.",
      ["proxmox_csi_token_id"],
    );
  }

  // --- Azure OpenAI / Envoy AI Gateway -------------------------------------------------------
  const together = (keys: readonly Key[], what: string) => {
    const present = keys.filter((key) => written(key));
    if (present.length === 0 || present.length === keys.length) return;
    for (const key of keys.filter((k) => !written(k))) {
      error([key], `${what} needs ${list(keys)} together; ${key} is missing. Add it, or remove ${list(present)}.`, [present[0]!]);
    }
  };
  together(AZURE_ENTRA_KEYS, "Entra ID for Azure OpenAI");
  const azureEntra = AZURE_ENTRA_KEYS.every((key) => has(key));
  for (const region of REGIONS) {
    if (written(region.key) && !written(region.resource)) {
      error(
        [region.resource],
        `${region.key} is set but ${region.resource} is missing. Add the name of the Azure OpenAI resource in that region, or remove ${region.key}.`,
        [region.key],
      );
    }
  }
  if (cluster.envoy_ai_gateway_enabled === true) {
    const anchor = ["envoy_ai_gateway_enabled"];
    if (!written("envoy_ai_gateway_addr")) {
      error(
        ["envoy_ai_gateway_addr"],
        "The AI gateway is on (envoy_ai_gateway_enabled: true) but envoy_ai_gateway_addr is missing. Add an unused IPv4 address for its load balancer, or set envoy_ai_gateway_enabled: false.",
        anchor,
      );
    }
    for (const region of REGIONS) {
      if (written(region.resource) && !written(region.key) && !azureEntra) {
        error(
          [region.key],
          `${region.resource} is set but the region has no credentials. Add ${region.key}, or set ${list(AZURE_ENTRA_KEYS)} to use Entra ID.`,
          [region.resource],
        );
      }
    }
    const usable = REGIONS.some((region) => has(region.resource) && (has(region.key) || azureEntra));
    const started = REGIONS.some((region) => written(region.resource) || written(region.key));
    if (!usable && !started) {
      error(
        ["envoy_ai_gateway_enabled"],
        "The AI gateway is on but no Azure OpenAI region is configured. Set azure_openai_us_east_resource_name with azure_openai_us_east_api_key (or the us_east2 pair; Entra ID credentials can replace the API key), or set envoy_ai_gateway_enabled: false.",
      );
    }
  }

  // --- Keycloak --------------------------------------------------------------------------------
  if (cluster.keycloak_entra_id_enabled === true) {
    for (const key of KEYCLOAK_ENTRA_KEYS) {
      if (!written(key)) {
        error(
          [key],
          `Entra ID federation is on (keycloak_entra_id_enabled: true) but ${key} is missing. Add it from your Entra ID app registration, or set keycloak_entra_id_enabled: false.`,
          ["keycloak_entra_id_enabled"],
        );
      }
    }
    if (cluster.keycloak_enabled !== true) {
      warn(["keycloak_entra_id_enabled"], "keycloak_entra_id_enabled has no effect while keycloak_enabled is false. Set keycloak_enabled: true or remove it.");
    }
  }
  if (cluster.keycloak_enabled === true) {
    const needed: Key[] = ["keycloak_admin_password"];
    if (cluster.keycloak_postgresql_enabled !== false) needed.push("keycloak_db_password");
    for (const key of needed) {
      if (!written(key)) {
        warn([key], `Keycloak is on but ${key} is not set, so the generated secret will be empty. Set ${key}.`, ["keycloak_enabled"]);
      }
    }
  }

  // --- agentgateway ------------------------------------------------------------------------------
  if (cluster.agentgateway_enabled === true) {
    if (cluster.keycloak_enabled !== true && !(written("keycloak_enabled") && cluster.keycloak_enabled === undefined)) {
      error(
        ["keycloak_enabled"],
        "agentgateway is on (agentgateway_enabled: true) but it needs Keycloak. Set keycloak_enabled: true, or set agentgateway_enabled: false.",
        written("keycloak_enabled") ? ["keycloak_enabled"] : ["agentgateway_enabled"],
      );
    }
    if (!written("agentgateway_addr")) {
      error(
        ["agentgateway_addr"],
        "agentgateway is on (agentgateway_enabled: true) but agentgateway_addr is missing. Add an unused IPv4 address for its load balancer, or set agentgateway_enabled: false.",
        ["agentgateway_enabled"],
      );
    }
    if (!written("keycloak_agentgateway_client_secret") && !written("keycloak_oidc_client_secret")) {
      warn(
        ["keycloak_agentgateway_client_secret"],
        "agentgateway is on but neither keycloak_agentgateway_client_secret nor keycloak_oidc_client_secret is set, so its Keycloak client secret will be empty. Set keycloak_agentgateway_client_secret.",
        ["agentgateway_enabled"],
      );
    }
  }

  // --- agentgateway: what it serves --------------------------------------------------------------
  const agentgatewayOff = cluster.agentgateway_enabled !== true && !(written("agentgateway_enabled") && cluster.agentgateway_enabled === undefined);
  for (const key of AGENTGATEWAY_SERVING_KEYS) {
    if (written(key) && agentgatewayOff) {
      error(
        [key],
        `${key} needs agentgateway, which is off (agentgateway_enabled is ${written("agentgateway_enabled") ? "false" : "not set"}). Set agentgateway_enabled: true, or remove ${key}.`,
      );
    }
  }
  const servers = input.mcpServers ?? [];
  const SERVERS = "agentgateway_mcp_servers";
  const label = (index: number) => (servers[index]?.name ? `server "${servers[index]!.name}" (${SERVERS}[${index}])` : `${SERVERS}[${index}]`);
  servers.forEach((server, index) => {
    if (server.name !== undefined) {
      const first = servers.findIndex((other) => other.name === server.name);
      if (first !== index) {
        error([SERVERS, index, "name"], `Server name "${server.name}" is already used by ${SERVERS}[${first}]. Give each MCP server a unique name.`);
      }
    }
    const prefix = server.path_prefix;
    if (prefix === undefined) return;
    for (let earlier = 0; earlier < index; earlier++) {
      const other = servers[earlier]!.path_prefix;
      if (other === undefined) continue;
      if (other === prefix) {
        const own = server.name !== undefined && `/mcp/${server.name}` !== prefix ? `, e.g. /mcp/${server.name}` : "";
        error(
          [SERVERS, index, "path_prefix"],
          `${prefix} is already the path of ${label(earlier)}. Each MCP server needs a path of its own (it is the server's resource URL)${own}.`,
        );
        break;
      }
      const [outer, inner, outerIndex] = isPathPrefixOf(other, prefix) ? [other, prefix, earlier] : [prefix, other, index];
      if (isPathPrefixOf(outer, inner)) {
        const outerName = servers[outerIndex]?.name;
        const candidate = `/mcp/${outerName ?? ""}`;
        const example = outerName && !isPathPrefixOf(candidate, inner) && !isPathPrefixOf(inner, candidate) ? ` such as ${candidate}` : "";
        const fix = outerName ? `move server "${outerName}" to a sibling path${example}` : `give ${outer} a sibling path`;
        error(
          [SERVERS, index, "path_prefix"],
          `${prefix} overlaps ${other} of ${label(earlier)}: ${outer} also matches requests for ${inner}, so one server would get the other's traffic. Use paths that are not inside each other: ${fix}.`,
        );
        break;
      }
    }
  });

  return { errors, warnings };
}

const AGENTGATEWAY_SERVING_KEYS = [
  "agentgateway_mcp_servers",
  "agentgateway_cors_origins",
  "agentgateway_client_registration",
] as const satisfies readonly Key[];

/** Gateway API PathPrefix matching: `a` matches `b` element-wise ("/mcp" matches "/mcp/flux", not "/mcpx"). */
function isPathPrefixOf(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}/`);
}
