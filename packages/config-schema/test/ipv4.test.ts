import { describe, expect, it } from "vitest";
import { isPrivateIpv4, nthHost } from "../src/index.js";

describe("nthHost (the reference's nthhost filter)", () => {
  it("returns the n-th address of the network, ignoring host bits", () => {
    expect(nthHost("192.168.20.0/22", 1)).toBe("192.168.20.1");
    expect(nthHost("10.10.10.0/24", 1)).toBe("10.10.10.1");
    expect(nthHost("10.43.0.0/16", 10)).toBe("10.43.0.10");
    expect(nthHost("10.0.0.5/24", 1)).toBe("10.0.0.1");
  });

  it("returns false outside the network or for a bad value", () => {
    expect(nthHost("10.0.0.0/32", 1)).toBe(false);
    expect(nthHost("10.0.0.0/24", 256)).toBe(false);
    expect(nthHost("10.0.0.0/24", -1)).toBe(false);
    expect(nthHost("", 1)).toBe(false);
    expect(nthHost(undefined, 1)).toBe(false);
    expect(nthHost("not-a-cidr", 1)).toBe(false);
  });
});

describe("isPrivateIpv4 (Python 3.11 ipaddress.is_private)", () => {
  it.each([
    "0.0.0.1",
    "10.1.2.3",
    "127.0.0.1",
    "169.254.1.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.7",
    "192.0.0.170",
    "192.0.0.171",
    "192.0.2.1",
    "192.168.1.254",
    "198.18.0.1",
    "198.19.255.255",
    "198.51.100.1",
    "203.0.113.1",
    "240.0.0.1",
    "255.255.255.255",
  ])("%s is private", (address) => {
    expect(isPrivateIpv4(address)).toBe(true);
  });

  it.each(["1.1.1.1", "8.8.8.8", "100.64.0.1", "100.127.255.254", "172.64.36.1", "172.32.0.1", "192.0.0.8", "192.0.0.169", "198.20.0.1", "9.255.255.255"])(
    "%s is not private",
    (address) => {
      expect(isPrivateIpv4(address)).toBe(false);
    },
  );
});
