import { describe, expect, it } from "vitest";
import { type AgentgatewayRelease, RELEASES, buildMcpOAuthProxy } from "../src/index.js";
import { multiServerInput, referenceInput } from "./fixtures.js";
import { expectOk, goldenText } from "./helpers.js";

const releases = Object.keys(RELEASES) as AgentgatewayRelease[];
const cases = { reference: referenceInput, "multi-server": multiServerInput };

describe.each(releases)("release %s", (release) => {
  it.each(Object.entries(cases))("renders the %s configuration", async (name, input) => {
    const text = goldenText(expectOk(buildMcpOAuthProxy(input(), { release })));
    await expect(text).toMatchFileSnapshot(`golden/${release}/${name}.yaml`);
  });

  it("renders byte-identical output twice", () => {
    const a = goldenText(expectOk(buildMcpOAuthProxy(multiServerInput(), { release })));
    const b = goldenText(expectOk(buildMcpOAuthProxy(multiServerInput(), { release })));
    expect(a).toBe(b);
  });
});
