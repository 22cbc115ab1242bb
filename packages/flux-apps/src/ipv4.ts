/** The `n`-th address of an IPv4 network (host bits ignored), or undefined when out of range. */
export function nthHost(cidr: string, n: number): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  if (n < 0 || n >= size) return undefined;
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const network = Math.floor(ip / size) * size;
  const v = network + n;
  return [24, 16, 8, 0].map((s) => Math.floor(v / 2 ** s) % 256).join(".");
}
