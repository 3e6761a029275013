// Query shapes typical of the community Grafana dashboards built for snmp_exporter's `if_mib`
// module (e.g. grafana.com dashboard 11169 "SNMP Interface Detail" and its many forks): variables
// on `instance` (the target) and on ifName/ifDescr, traffic from the 64-bit counters with irate,
// errors, discards, packets by kind, speed, status, uptime. Written here from those shapes, not
// copied; srw's exposition must answer every one on the per-target /snmp deployment.
export const COMMUNITY_VARIABLES = [
  { name: 'instance', query: 'label_values(ifOperStatus, instance)' },
  { name: 'interface', query: 'label_values(ifOperStatus{instance="$instance"}, ifDescr)' },
  { name: 'ifname', query: 'label_values(ifHCInOctets{instance="$instance"}, ifName)' },
];

export const COMMUNITY_QUERIES: string[] = [
  'sysUpTime{instance="$instance"} / 100',
  'ifNumber{instance="$instance"}',
  'irate(ifHCInOctets{instance="$instance",ifDescr=~"$interface"}[$__rate_interval]) * 8',
  'irate(ifHCOutOctets{instance="$instance",ifDescr=~"$interface"}[$__rate_interval]) * 8',
  'rate(ifHCInOctets{instance=~"$instance",ifName=~"$ifname"}[$__rate_interval]) * 8',
  'sum by (ifName) (rate(ifHCOutOctets{instance=~"$instance"}[$__rate_interval])) * 8',
  'irate(ifInErrors{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifOutErrors{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifInDiscards{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifOutDiscards{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifHCInUcastPkts{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifHCInMulticastPkts{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifHCInBroadcastPkts{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'irate(ifHCOutUcastPkts{instance="$instance",ifDescr=~"$interface"}[$__rate_interval])',
  'ifHighSpeed{instance="$instance",ifDescr=~"$interface"} * 1000000',
  'ifSpeed{instance="$instance",ifDescr=~"$interface"}',
  'ifOperStatus{instance="$instance",ifDescr=~"$interface"}',
  'ifAdminStatus{instance="$instance",ifDescr=~"$interface"}',
  'ifMtu{instance="$instance",ifDescr=~"$interface"}',
  'ifLastChange{instance="$instance",ifDescr=~"$interface"}',
  'ifType_info{instance="$instance",ifDescr=~"$interface"}',
  'ifOperStatus{instance="$instance",ifAlias!=""}',
  'count(ifOperStatus{instance="$instance"} == 1)',
  'count(ifAdminStatus{instance="$instance"} == 2)',
  'max(irate(ifHCInOctets{instance="$instance",ifDescr=~"$interface"}[$__rate_interval]))',
  'increase(ifHCInOctets{instance="$instance",ifDescr=~"$interface"}[1h])',
];
