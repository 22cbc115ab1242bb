/** talos/patches/README.md: how the patch folders work (Markdown, not YAML). */
export const PATCHES_README = `# Talos patches

Strategic-merge patches of the Talos machine configuration, applied by talhelper when it renders
\`talos/clusterconfig/\` from \`talos/talconfig.yaml\`.

| folder | applied to | referenced from talconfig.yaml |
|---|---|---|
| \`global/\` | every node | top-level \`patches\` |
| \`controller/\` | control-plane nodes | \`controlPlane.patches\` |
| \`worker/\` | worker nodes (only if the cluster has workers) | \`worker.patches\` |
| \`<node name>/\` | that node | \`nodes[].patches\` |

The files \`global/machine-*.yaml\` and \`controller/cluster.yaml\` are generated from \`cluster.yaml\`;
edit that file and regenerate instead of editing them. Add your own \`*.yaml\` files next to them under a
different name and they are listed in talconfig.yaml (in file-name order) on the next generation.

talhelper substitutes \`\${VARIABLE}\` in talconfig.yaml and in every patch file: write a literal \`$\` as
\`$$\` (for example \`$$patch: delete\`).
`;
