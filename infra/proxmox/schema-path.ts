import { resolve } from 'node:path';
import { packageRoot } from '../package-root.js';

/** Repository root, or the installed package's directory. */
export const repoRoot = packageRoot();

/** The bpg/proxmox v0.111.1 schema (MPL-2.0 data) ships with srw in infra/proxmox/schema/, so `srw synth --check`
 *  works from an installed package; $SRW_PROXMOX_SCHEMA points at another (e.g. a newer provider's). */
export function defaultSchemaPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SRW_PROXMOX_SCHEMA ?? resolve(repoRoot, 'infra/proxmox/schema/bpg-proxmox-schema.json');
}
