import { describe, expect, it } from "vitest";
import { toYaml, toYamlDocuments } from "../src/index.js";

describe("toYaml", () => {
  it("puts apiVersion, kind and metadata first and drops undefined", () => {
    const out = toYaml({ spec: { a: 1, b: undefined }, metadata: { name: "x" }, kind: "ConfigMap", apiVersion: "v1" });
    expect(out).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: 1\n");
  });

  it("never folds long lines and quotes strings that would change type", () => {
    const long = "x".repeat(200);
    const out = toYaml({ long, bool: "true", mac: "00:11:22:33:44:55", n: "0600" });
    expect(out).toContain(`long: ${long}\n`);
    expect(out).toContain('bool: "true"');
    expect(out).toContain('"n": "0600"');
  });

  it("quotes strings that a YAML 1.1 reader would load as another type", () => {
    const out = toYaml({ on: "yes", a: "on", b: "y", c: "1_000", d: "2024-01-01", e: "0o17", f: "~", g: "1:30", h: "plain", i: "1.5", ip: "192.168.1.10" });
    expect(out).toBe(
      '"on": "yes"\na: "on"\nb: "y"\nc: "1_000"\nd: "2024-01-01"\ne: "0o17"\nf: "~"\ng: "1:30"\nh: plain\ni: "1.5"\nip: 192.168.1.10\n',
    );
  });

  it("writes booleans as YAML 1.2 booleans", () => {
    expect(toYaml({ a: true, b: false })).toBe("a: true\nb: false\n");
  });

  it("joins documents with ---", () => {
    expect(toYamlDocuments([{ a: 1 }, { b: 2 }])).toBe("---\na: 1\n---\nb: 2\n");
  });

  it("is deterministic", () => {
    const doc = { kind: "K", apiVersion: "v", list: [{ z: 1, a: 2 }] };
    expect(toYaml(doc)).toBe(toYaml(structuredClone(doc)));
  });
});
