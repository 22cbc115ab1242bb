import type { ResolvedConfig } from "@talos-cluster/config-schema";
import type { TalosFilesIssue } from "./issues.js";
import { formatYamlPath } from "./yaml-path.js";

/**
 * The user's own patch files, by file name, as they sit in their repository under `talos/patches/<group>/`
 * (`global`, `controller`, `worker`, or a node name). They are referenced from talconfig.yaml, never read.
 */
export interface UserPatches {
  global?: readonly string[];
  controller?: readonly string[];
  worker?: readonly string[];
  /** Node name → patch files under `talos/patches/<node name>/`. */
  nodes?: Readonly<Record<string, readonly string[]>>;
}

/** The reference renders `*.yaml.j2` into `*.yaml`; only those names are picked up. */
const PATCH_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.yaml$/;

/** `@./patches/<group>/<file>`: a path relative to talconfig.yaml, as talhelper resolves it. */
export function patchReference(group: string, file: string): string {
  return `@./patches/${group}/${file}`;
}

/** Byte-wise order, the same as Python's `sorted()` over the reference's file paths. */
export function sortFileNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function checkGroup(
  names: readonly string[] | undefined,
  segments: (string | number)[],
  generated: readonly string[],
  group: string,
): TalosFilesIssue[] {
  const issues: TalosFilesIssue[] = [];
  const seen = new Set<string>();
  (names ?? []).forEach((name, i) => {
    const path = formatYamlPath([...segments, i]);
    if (!PATCH_FILE_NAME.test(name)) {
      issues.push({
        file: "options",
        path,
        message: `"${name}" is not a patch file name: use a plain file name ending in .yaml (letters, digits, ".", "_", "-"), without a directory.`,
      });
    } else if (generated.includes(name)) {
      issues.push({
        file: "options",
        path,
        message: `"${name}" would replace the generated talos/patches/${group}/${name}. Give your patch another name.`,
      });
    } else if (seen.has(name)) {
      issues.push({ file: "options", path, message: `"${name}" is listed twice. Remove the duplicate.` });
    }
    seen.add(name);
  });
  return issues;
}

/** Checks the user's patch file names against the generated files and the configured nodes. */
export function checkUserPatches(
  config: ResolvedConfig,
  userPatches: UserPatches,
  generated: { global: readonly string[]; controller: readonly string[] },
): TalosFilesIssue[] {
  const issues = [
    ...checkGroup(userPatches.global, ["userPatches", "global"], generated.global, "global"),
    ...checkGroup(userPatches.controller, ["userPatches", "controller"], generated.controller, "controller"),
    ...checkGroup(userPatches.worker, ["userPatches", "worker"], [], "worker"),
  ];
  const nodeNames = config.nodes.map((n) => n.name);
  for (const [node, names] of Object.entries(userPatches.nodes ?? {})) {
    if (!nodeNames.includes(node)) {
      issues.push({
        file: "options",
        path: formatYamlPath(["userPatches", "nodes", node]),
        message: `No node is named "${node}" (nodes: ${nodeNames.join(", ")}). Rename the folder talos/patches/${node}/ after its node.`,
      });
      continue;
    }
    issues.push(...checkGroup(names, ["userPatches", "nodes", node], [], node));
  }
  return issues;
}
