import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { formatIssue, validateTree, type CompiledValidator } from "../src/index.js";
import { smallTree } from "./fixtures/small-tree.js";

const ECHO = "kubernetes/apps/default/echo";
const KEY = "example.com/v1 Widget";

/** The small tree plus one object of a kind this package does not vendor. */
function withWidget(spec: Record<string, unknown>): Map<string, string> {
  const files = new Map(smallTree());
  files.set(`${ECHO}/app/widget.yaml`, `---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: ${JSON.stringify(spec)}\n`);
  const k = files.get(`${ECHO}/app/kustomization.yaml`)!;
  files.set(`${ECHO}/app/kustomization.yaml`, k.replace("resources:", "resources:\n  - ./widget.yaml"));
  return files;
}

const widgetSchema = (size: "integer" | "string") => ({
  type: "object",
  properties: {
    apiVersion: { const: "example.com/v1" },
    kind: { const: "Widget" },
    metadata: { type: "object" },
    spec: { type: "object", properties: { size: { type: size } }, additionalProperties: false },
  },
  additionalProperties: false,
});

const messages = (files: Map<string, string>, options: Parameters<typeof validateTree>[1]) => validateTree(files, options).map(formatIssue);

describe("contributed kinds", () => {
  it("validates a kind with a compiled validator, reporting its errors like schema errors", () => {
    // What ajv standalone code generated at build time looks like to the caller: a function with .errors.
    const validate: CompiledValidator = (data) => {
      const size = (data as { spec?: { size?: unknown } }).spec?.size;
      validate.errors = typeof size === "number" ? null : [{ instancePath: "/spec/size", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
      return validate.errors === null;
    };
    expect(messages(withWidget({ size: 1 }), { extraValidators: { [KEY]: validate } })).toEqual([]);
    expect(messages(withWidget({ size: "big" }), { extraValidators: { [KEY]: validate } })).toEqual([
      "kubernetes/apps/default/echo/app/widget.yaml#0 spec.size  Must be of type integer. (schema)",
    ]);
  });

  it("checks metadata of a kind with a compiled validator against ObjectMeta", () => {
    const files = withWidget({ size: 1 });
    files.set(`${ECHO}/app/widget.yaml`, files.get(`${ECHO}/app/widget.yaml`)!.replace("  name: w", "  name: w\n  labels: [x]"));
    expect(messages(files, { extraValidators: { [KEY]: () => true } })).toEqual([
      "kubernetes/apps/default/echo/app/widget.yaml#0 metadata.labels  Must be of type object,null. (schema)",
    ]);
  });

  it("uses the validator, not the schema, when both are given for a kind (nothing is compiled)", () => {
    // ajv cannot compile this schema: had it been compiled, validateTree would report it.
    const broken = { type: "no-such-type" };
    const options = { extraSchemas: { [KEY]: broken }, extraValidators: { [KEY]: new Ajv().compile(widgetSchema("integer")) } };
    expect(messages(withWidget({ size: 1 }), options)).toEqual([]);
    expect(messages(withWidget({ size: 1 }), { extraSchemas: { [KEY]: broken } })).toEqual([
      expect.stringMatching(/^kubernetes\/apps\/default\/echo\/app\/widget\.yaml#0 kind  The schema given in extraSchemas for example\.com\/v1 Widget does not compile \(.+\)\. Fix it in the package that contributes the kind\. \(schema\)$/),
    ]);
  });

  it("uses the schema given to each call, not one cached by an earlier call for the same kind", () => {
    expect(messages(withWidget({ size: 1 }), { extraSchemas: { [KEY]: widgetSchema("integer") } })).toEqual([]);
    expect(messages(withWidget({ size: 1 }), { extraSchemas: { [KEY]: widgetSchema("string") } })).toEqual([
      "kubernetes/apps/default/echo/app/widget.yaml#0 spec.size  Must be of type string. (schema)",
    ]);
    // Also when both carry the same $id (a CRD schema and its next version, say).
    const id = "https://schemas.example.com/widget.json";
    expect(messages(withWidget({ size: 1 }), { extraSchemas: { [KEY]: { $id: id, ...widgetSchema("integer") } } })).toEqual([]);
    expect(messages(withWidget({ size: 1 }), { extraSchemas: { [KEY]: { $id: id, ...widgetSchema("string") } } })).toEqual([
      "kubernetes/apps/default/echo/app/widget.yaml#0 spec.size  Must be of type string. (schema)",
    ]);
    // …and a later call without any schema for the kind does not inherit one.
    expect(messages(withWidget({ size: 1 }), {})).toEqual([
      "kubernetes/apps/default/echo/app/widget.yaml#0 kind  No schema for example.com/v1 Widget. Check apiVersion and kind, or pass its schema in extraSchemas (or a compiled validator in extraValidators). (schema)",
    ]);
  });
});
