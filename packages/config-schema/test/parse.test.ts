import { describe, expect, it } from "vitest";
import { baseCluster, baseNodes, parseObjects } from "./helpers.js";

describe("parseClusterConfig", () => {
  it("accepts a minimal configuration and applies every default", () => {
    const result = parseObjects(baseCluster(), baseNodes());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.config.node_default_gateway).toBe("192.168.1.1");
    expect(result.config.primary_domain).toBe("example.com");
    expect(result.config.spegel_enabled).toBe(true);
    expect(result.config.k8s_gateway_fallback_dns).toEqual(["1.1.1.1", "1.0.0.1"]);
  });
});
