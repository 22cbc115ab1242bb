/**
 * IPv4 arithmetic on unsigned 32-bit integers: exactly what the reference's Python
 * `ipaddress` module does for the values cluster.yaml holds, without a dependency.
 */

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
/** Dotted quad, no leading zeros (Python's ipaddress rejects them too). */
const IPV4_PATTERN = `^(?:${OCTET}\\.){3}${OCTET}$`;
const CIDR4_PATTERN = `^(?:${OCTET}\\.){3}${OCTET}/(?:3[0-2]|[12][0-9]|[0-9])$`;
export const IPV4_RE = new RegExp(IPV4_PATTERN);
export const CIDR4_RE = new RegExp(CIDR4_PATTERN);

export interface Cidr4 {
  /** The address as written (host bits possibly set). */
  address: number;
  prefix: number;
  /** Address with the host bits cleared. */
  network: number;
  /** Last address of the network. */
  broadcast: number;
  size: number;
}

export function parseIpv4(text: string): number | undefined {
  if (!IPV4_RE.test(text)) return undefined;
  return text.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function parseCidr4(text: string): Cidr4 | undefined {
  if (!CIDR4_RE.test(text)) return undefined;
  const [ip = "", bits = ""] = text.split("/");
  const address = parseIpv4(ip);
  if (address === undefined) return undefined;
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  return { address, prefix, network, broadcast: network + size - 1, size };
}

export function formatCidr4(cidr: Pick<Cidr4, "network" | "prefix">): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

export function cidrContains(cidr: Cidr4, address: number): boolean {
  return address >= cidr.network && address <= cidr.broadcast;
}

export function cidrsOverlap(a: Cidr4, b: Cidr4): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/**
 * The reference's `nthhost` filter: the n-th address of the network (host bits of the input
 * ignored), or `false` when n is outside the network or the input is not a CIDR.
 */
export function nthHost(value: string | undefined, n: number): string | false {
  if (value === undefined) return false;
  const cidr = parseCidr4(value) ?? (parseIpv4(value) !== undefined ? parseCidr4(`${value}/32`) : undefined);
  if (!cidr || n < 0 || n >= cidr.size) return false;
  return formatIpv4(cidr.network + n);
}

/** Python 3.11 `ipaddress.IPv4Address.is_private` ranges (100.64.0.0/10 is NOT among them). */
const PRIVATE_RANGES = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/29",
  "192.0.0.170/31",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "240.0.0.0/4",
  "255.255.255.255/32",
].map((text) => parseCidr4(text) as Cidr4);

export function isPrivateIpv4(address: string): boolean {
  const value = parseIpv4(address);
  if (value === undefined) return false;
  return PRIVATE_RANGES.some((range) => cidrContains(range, value));
}
