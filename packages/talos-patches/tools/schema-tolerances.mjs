// Schema tolerances: what Talos accepts but its published JSON Schema omits.
//
// The vendored schemas stay byte-for-byte upstream (schemas/NOTICE.md); these additions are applied to an
// in-memory copy by tools/generate-validators.mjs before compiling. Every entry says why it exists. The
// generator fails when a tolerated property is already in the schema, so a schema upgrade that restores
// a field makes its tolerance show up as obsolete instead of silently shadowing upstream.
//
// A second tolerance lives in src/validate.ts, because it concerns values, not fields: a strategic-merge
// `$patch: delete` directive may replace any node of a patch.
//
// Not tolerated on purpose:
// - `machine.time` is deprecated in favour of the time sync document in newer Talos releases, but the v1.11
//   schema still describes it (v1alpha1.TimeConfig), so it is validated normally. If a future schema drops
//   it while Talos still accepts it, add an entry here; the machine-time patch test fails first.

/** @typedef {{ definition: string, property: string, schema: object, reason: string }} Tolerance */

/** @type {Tolerance[]} */
export const schemaTolerances = [
  {
    definition: "v1alpha1.MachineConfig",
    property: "systemDiskEncryption",
    // Talos v1.11 still reads `machine.systemDiskEncryption` (STATE/EPHEMERAL LUKS2 encryption; see the v1.11
    // "Disk Encryption" guide), but marks it deprecated in favour of the VolumeConfig document, and the
    // schema generator leaves deprecated fields out. The reference's per-node TPM encryption patch uses it.
    // Its partition spec has the same shape as the VolumeConfig `encryption` block, so that is reused.
    reason: "deprecated in Talos v1.11 (VolumeConfig encryption replaces it) but still accepted",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        state: { $ref: "#/$defs/block.EncryptionSpec" },
        ephemeral: { $ref: "#/$defs/block.EncryptionSpec" },
      },
    },
  },
];
