// One simulated device on its own UDP port: the unit `srw demo` and the tests start.
import type { SimTable } from './oid-table.js';
import type { SimProfile } from './profile.js';
import { SimResponder } from './responder.js';
import { buildSwitchTable, createSwitchDevice, type FlapOptions, type SwitchDevice } from './switch-table.js';
import { buildUpsTable, createUpsDevice, type BypassOptions, type PowerCutOptions, type UpsDevice } from './ups-table.js';

export const DEFAULT_LAB_COMMUNITY = 'srw-lab';

export type SimDeviceOptions = {
  /** UDP port on 127.0.0.1; 0 (default) asks the OS for a free one. */
  port?: number;
  host?: string;
  community?: string;
  seed?: number;
  /** Switches: how often the flapping port goes down and for how long. */
  flap?: FlapOptions;
  /** UPSes: how often the mains fail and for how long. */
  powerCut?: PowerCutOptions;
  /** Online UPSes: how often they go to static bypass and for how long (default: like powerCut, half a cycle later). */
  bypass?: BypassOptions;
};

export type SimDevice = {
  host: string;
  port: number;
  community: string;
  profile: SimProfile;
  /** Requests answered so far (for the benchmark's sanity checks). */
  requests(): number;
  stop(): Promise<void>;
};

const tables = new WeakMap<SimProfile, SimTable<SwitchDevice> | SimTable<UpsDevice>>();

function tableFor(profile: SimProfile): SimTable<SwitchDevice> | SimTable<UpsDevice> {
  let t = tables.get(profile);
  if (!t) {
    t = profile.kind === 'switch' ? buildSwitchTable(profile) : buildUpsTable(profile);
    tables.set(profile, t);
  }
  return t;
}

export async function startSimDevice(profile: SimProfile, opts: SimDeviceOptions = {}): Promise<SimDevice> {
  const community = opts.community ?? DEFAULT_LAB_COMMUNITY;
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? hashName(profile.sysName);
  const responderOpts = { community, maxMessageSize: profile.maxMessageSize };
  const responder =
    profile.kind === 'switch'
      ? new SimResponder(tableFor(profile) as SimTable<SwitchDevice>, createSwitchDevice(profile, seed, { flap: opts.flap ?? {} }), responderOpts)
      : new SimResponder(tableFor(profile) as SimTable<UpsDevice>, createUpsDevice(profile, seed, { cut: opts.powerCut ?? {}, bypass: opts.bypass ?? {} }), responderOpts);
  const port = await responder.listen(opts.port ?? 0, host);
  return { host, port, community, profile, requests: () => responder.stats.requests, stop: () => responder.close() };
}

/** A seed from a device name, so the same name gives the same traffic every run. */
export function hashName(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
