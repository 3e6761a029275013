import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (infra/proxmox/ is two levels below it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The bpg/proxmox schema is read in place from ../shared, never copied into the repo. */
export function defaultSchemaPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SRW_PROXMOX_SCHEMA ?? resolve(repoRoot, '../shared/proxmox/bpg-proxmox-schema.json');
}
