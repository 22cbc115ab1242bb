/** The subset of talhelper's talconfig.yaml (schema v3) that the generator writes. */

export interface TalconfigRoute {
  network: string;
  gateway: string;
}

export interface TalconfigVip {
  ip: string;
}

export interface TalconfigVlan {
  vlanId: number;
  addresses: string[];
  mtu: number;
  routes: TalconfigRoute[];
  vip?: TalconfigVip;
}

export interface TalconfigNetworkInterface {
  /** The link is selected by MAC address, never by (unstable) interface name. */
  deviceSelector: { hardwareAddr: string };
  dhcp?: boolean;
  addresses?: string[];
  routes?: TalconfigRoute[];
  mtu?: number;
  vip?: TalconfigVip;
  vlans?: TalconfigVlan[];
}

export interface TalconfigNode {
  hostname: string;
  ipAddress: string;
  installDisk?: string;
  installDiskSelector?: { serial: string };
  machineSpec: { secureboot: boolean };
  /** Image Factory installer without a tag: talhelper appends `:<talosVersion>`. */
  talosImageURL: string;
  controlPlane: boolean;
  networkInterfaces: TalconfigNetworkInterface[];
  nodeLabels?: Record<string, string>;
  /** Inline strategic-merge patches (YAML text) and `@./patches/<node>/<file>` references. */
  patches?: string[];
}

export interface Talconfig {
  clusterName: string;
  talosVersion: string;
  kubernetesVersion: string;
  endpoint: string;
  additionalApiServerCertSans: string[];
  additionalMachineCertSans: string[];
  clusterPodNets: string[];
  clusterSvcNets: string[];
  cniConfig: { name: "none" };
  nodes: TalconfigNode[];
  /** `@./patches/global/<file>` references, applied to every node. */
  patches: string[];
  controlPlane: { patches: string[] };
  worker?: { patches: string[] };
}
