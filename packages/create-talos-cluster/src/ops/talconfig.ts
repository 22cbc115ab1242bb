import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { UserError } from "../cli/context.js";
import { display, RUN_CONFIGURE, type RepoPaths } from "./repo.js";

/** One node as talhelper sees it in talos/talconfig.yaml. */
export interface TalosNode {
  hostname: string;
  ipAddress: string;
  controlPlane: boolean;
  /** `factory.talos.dev/installer/<schematic>`; absent when talconfig does not set it. */
  talosImageURL?: string;
}

export interface TalosInventory {
  clusterName: string;
  nodes: TalosNode[];
}

function readYaml(paths: RepoPaths, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError(`${display(paths, file)}: file not found. ${RUN_CONFIGURE}`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    const where = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const pos = where ? `:${where.line}:${where.col}` : "";
    throw new UserError(`${display(paths, file)}${pos}: not valid YAML. ${RUN_CONFIGURE}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`${display(paths, file)}: expected a YAML mapping. ${RUN_CONFIGURE}`);
  }
  return value as Record<string, unknown>;
}

/**
 * The nodes of the generated talos/talconfig.yaml: the same source the reference's tasks read
 * with `yq '.nodes[].ipAddress'`, so the commands address exactly the nodes talhelper configures.
 */
export function readTalosInventory(paths: RepoPaths): TalosInventory {
  const doc = readYaml(paths, paths.talconfig);
  const name = display(paths, paths.talconfig);
  const clusterName = typeof doc.clusterName === "string" && doc.clusterName !== "" ? doc.clusterName : undefined;
  if (!clusterName) throw new UserError(`${name}  clusterName  missing. ${RUN_CONFIGURE}`);
  if (!Array.isArray(doc.nodes) || doc.nodes.length === 0) {
    throw new UserError(`${name}  nodes  no nodes listed. Add nodes to nodes.yaml, then ${RUN_CONFIGURE.toLowerCase()}`);
  }
  const nodes = doc.nodes.map((raw: unknown, i: number): TalosNode => {
    const node = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    for (const key of ["hostname", "ipAddress"]) {
      if (typeof node[key] !== "string" || node[key] === "") {
        throw new UserError(`${name}  nodes[${i}].${key}  missing. ${RUN_CONFIGURE}`);
      }
    }
    return {
      hostname: node.hostname as string,
      ipAddress: node.ipAddress as string,
      controlPlane: node.controlPlane === true,
      ...(typeof node.talosImageURL === "string" ? { talosImageURL: node.talosImageURL } : {}),
    };
  });
  if (!nodes.some((n) => n.controlPlane)) {
    throw new UserError(`${name}  nodes  no node has controlPlane: true. Mark at least one node as a controller in nodes.yaml.`);
  }
  return { clusterName, nodes };
}

/** `talosVersion` / `kubernetesVersion` from talos/talenv.yaml (what talhelper substitutes). */
export function readTalenvVersion(paths: RepoPaths, key: "talosVersion" | "kubernetesVersion"): string {
  const doc = readYaml(paths, paths.talenv);
  const value = doc[key];
  if (typeof value !== "string" || value === "") {
    throw new UserError(`${display(paths, paths.talenv)}  ${key}  missing. ${RUN_CONFIGURE}`);
  }
  return value;
}

export function findNode(paths: RepoPaths, inventory: TalosInventory, ip: string): TalosNode {
  const node = inventory.nodes.find((n) => n.ipAddress === ip);
  if (!node) {
    const known = inventory.nodes.map((n) => `${n.ipAddress} (${n.hostname})`).join(", ");
    throw new UserError(`--ip ${ip}: no such node in ${display(paths, paths.talconfig)}. Known nodes: ${known}.`);
  }
  return node;
}

/** The node talhelper targets for cluster-wide operations (bootstrap, kubeconfig, upgrade-k8s). */
export function firstControlPlane(inventory: TalosInventory): TalosNode {
  return inventory.nodes.find((n) => n.controlPlane)!;
}
