export { buildTalosFiles, type TalosFilesOptions, type TalosFilesResult } from "./talos-files.js";
export {
  buildTalconfig,
  installerImage,
  CLUSTER_NAME,
  TALOS_VERSION_PLACEHOLDER,
  KUBERNETES_VERSION_PLACEHOLDER,
  type TalconfigOptions,
} from "./talconfig.js";
export {
  buildTalosPatches,
  buildGlobalPatches,
  buildControllerPatch,
  buildDiskEncryptionPatch,
  type TalosPatchSet,
} from "./talos-patches.js";
export { buildTalenv, renderTalenv, type Talenv } from "./talenv.js";
export { TALOS_VERSION, KUBERNETES_VERSION, PINNED_VERSIONS, type PinnedVersion } from "./versions.js";
export { validateTalconfig, validateTalosPatch, TALOS_SCHEMA_VERSION } from "./validate.js";
export { escapeForTalhelper } from "./talhelper-escape.js";
export { formatTalosFilesIssue, type TalosFilesIssue } from "./issues.js";
export type { UserPatches } from "./user-patches.js";
export type * from "./talconfig-types.js";
export type * from "./talos-patch-types.js";
