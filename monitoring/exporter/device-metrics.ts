// srw's own per-device series: poll status, duration, PDUs, LLDP, chassis and port rates (UPS: ups-metrics.ts).
// Names follow Prometheus conventions (base units, _ratio, _seconds); every series has a
// `device` label with the inventory name — never an address with credentials, never a secret.
import { family, type Family } from './family.js';
import { upsFamilies } from './ups-metrics.js';
import type { DeviceSnapshot, PollStatus } from '../model/device.js';

const statuses: PollStatus[] = ['pending', 'ok', 'timeout', 'auth', 'error'];

type Spec = {
  name: string;
  help: string;
  labels?: string[];
  /** Samples for one device: [extra labels, value]. */
  samples(d: DeviceSnapshot): [Record<string, string>, number][];
};

const one = (v: number | undefined): [Record<string, string>, number][] => (v === undefined ? [] : [[{}, v]]);

/** `rates` adds the poller's port rates, which only exist on /metrics (a one-off poll has none). */
export function deviceSpecs(rates: boolean): Spec[] {
  const specs: Spec[] = [
    { name: 'srw_snmp_up', help: 'Whether the last SNMP poll of the device succeeded (1) or not (0)', samples: (d) => one(d.status === 'ok' ? 1 : 0) },
    {
      name: 'srw_snmp_poll_status',
      help: 'Outcome of the last SNMP poll: 1 for the current status, 0 for the others',
      labels: ['status'],
      samples: (d) => statuses.map((s) => [{ status: s }, d.status === s ? 1 : 0]),
    },
    { name: 'srw_scrape_duration_seconds', help: 'Time the last SNMP poll of the device took', samples: (d) => one(d.durationMs === undefined ? undefined : d.durationMs / 1000) },
    { name: 'srw_snmp_pdus_sent', help: 'SNMP request PDUs sent during the last poll (retries included)', samples: (d) => one(d.pdusSent) },
    {
      name: 'srw_snmp_rejected_varbinds',
      help: 'Varbinds the last poll dropped: a value out of range for its type or its MIB (a broken or hostile agent); the rest of the device was read',
      samples: (d) => one(d.status === 'ok' ? (d.rejectedVarbinds ?? 0) : undefined),
    },
    {
      name: 'srw_snmp_last_success_timestamp_seconds',
      help: 'Unix time of the last successful poll',
      samples: (d) => one(d.lastSuccessAt === undefined ? undefined : d.lastSuccessAt / 1000),
    },
    {
      name: 'srw_device_info',
      help: 'Device identity from the inventory, SNMPv2-MIB and ENTITY-MIB (value always 1)',
      labels: ['type', 'model', 'sys_name', 'sys_object_id', 'hardware', 'serial', 'firmware'],
      samples: (d) => [
        [
          {
            type: d.type,
            model: d.model,
            sys_name: d.system?.sysName ?? '',
            sys_object_id: d.system?.sysObjectID ?? '',
            hardware: d.entity?.model ?? '',
            serial: d.entity?.serial ?? '',
            firmware: d.entity?.firmware ?? '',
          },
          1,
        ],
      ],
    },
    {
      name: 'srw_lldp_neighbor_info',
      help: 'An LLDP neighbour seen on a local port (value always 1)',
      labels: ['local_port', 'remote_system', 'remote_port_id', 'remote_port_desc'],
      samples: (d) =>
        d.lldp.map((n) => [{ local_port: n.localPort, remote_system: n.remoteSystem, remote_port_id: n.remotePortId, remote_port_desc: n.remotePortDesc }, 1]),
    },
  ];
  if (rates) {
    const port = (d: DeviceSnapshot, pick: (r: DeviceSnapshot['interfaces'][number]) => number | undefined): [Record<string, string>, number][] =>
      d.interfaces.flatMap((r) => {
        const v = pick(r);
        return v === undefined ? [] : [[{ ifName: r.ifName || r.ifDescr, ifIndex: String(r.ifIndex) }, v] as [Record<string, string>, number]];
      });
    specs.push(
      { name: 'srw_interface_receive_bits_per_second', help: 'Receive rate between the last two polls', labels: ['ifName', 'ifIndex'], samples: (d) => port(d, (r) => r.inBps) },
      { name: 'srw_interface_transmit_bits_per_second', help: 'Transmit rate between the last two polls', labels: ['ifName', 'ifIndex'], samples: (d) => port(d, (r) => r.outBps) },
      { name: 'srw_interface_utilisation_ratio', help: 'max(receive, transmit) / port speed, 0..1', labels: ['ifName', 'ifIndex'], samples: (d) => port(d, (r) => r.utilisation) },
      { name: 'srw_interface_errors_per_second', help: 'In + out errors per second between the last two polls', labels: ['ifName', 'ifIndex'], samples: (d) => port(d, (r) => r.errorsPerSec) },
    );
  }
  return specs;
}

export function deviceFamilies(devices: () => DeviceSnapshot[], rates: boolean): Family[] {
  const own = deviceSpecs(rates).map((s) => {
    // Stale data of a failed device is not exported as current: only the status series.
    const always = s.name.startsWith('srw_snmp_') || s.name === 'srw_scrape_duration_seconds';
    return family(s.name, s.help, 'gauge', () =>
      devices()
        .filter((d) => always || d.status === 'ok')
        .flatMap((d) => s.samples(d).map(([labels, value]) => ({ labels: { device: d.name, ...labels }, value }))),
    );
  });
  return [...own, ...upsFamilies(devices, rates ? 'device' : undefined)]; // `rates` is the /metrics view
}
