/** Placeholder surface until this package's issue lands; replaced by the real API. */
export const PACKAGE_NAME = "@talos-cluster/mcp-oauth-proxy-config";
