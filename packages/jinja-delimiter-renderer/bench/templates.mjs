// The template sources of the benchmark tree (bench/run.mjs writes them into a makejinja project, bench/parse
// parses them): the shared partial first, then `count` HelmRelease templates in the reference style.
export function generateSources(count = Number(process.env.BENCH_TEMPLATES ?? 200)) {
  const sources = ["#| shared labels #|\napp.kubernetes.io/managed-by: flux\ncluster: #{ cluster_name }#\n"];
  for (let i = 0; i < count; i++) {
    const feature = `feature_${i % 20}_enabled`;
    sources.push(`#| app ${i}: a HelmRelease in the reference style #|
#% if ${feature} | default(false) %#
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app-${i}
  labels:
    #% filter indent(width=4, first=False) %#
    #% include 'common.partial.yaml.j2' %#
    #% endfilter %#
spec:
  interval: 1h
  values:
    replicas: #{ 1 if loop is undefined else 2 }#
    hosts:
      #% for domain in cloudflare_domains %#
      - "app-${i}.#{ domain }#"
      #% endfor %#
    controllers: #{ nodes | selectattr('controller', 'equalto', True) | map(attribute='address') | join(',') }#
    workers:
      #% for node in nodes if not node.controller %#
      - name: #{ node.name }#
        index: #{ loop.index }#
      #% endfor %#
    owner: #{ repository_name.split('/')[0] }#
    tag: "#{ '%s-%03d' % (cluster_name, ${i}) }#"
    enabled: #{ ${feature} | string | lower }#
    gateway: #{ node_cidr | replace('0/24', '1') }#
    extra: #{ optional_value | default('none') }#
#% endif %#
`);
  }
  return sources;
}
