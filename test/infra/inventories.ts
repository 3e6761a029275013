// Inventories the infra tests synthesize: the example city hall, and a generated one with as
// many hosts as asked (the 200-host scale case), both through the real loader.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseInventory, type ProvisionedInventory } from '../../infra/inventory/index.js';
import { repoRoot } from '../helpers/run-srw.js';

export const examplePath = resolve(repoRoot, 'examples/starachowice.yaml');

/** Loads an inventory with a Proxmox section (what the infra tests synthesize). */
export function loadText(text: string, file = 'inventory.yaml'): ProvisionedInventory {
  const r = parseInventory(text, file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  const inv = r.value;
  if (!inv.proxmox) throw new Error('test setup: the inventory has no proxmox section');
  return { ...inv, proxmox: inv.proxmox };
}

export function exampleText(): string {
  return readFileSync(examplePath, 'utf8');
}

export function example(): ProvisionedInventory {
  return loadText(exampleText(), examplePath);
}

/** The example as a plain object, to edit before loading. */
export function exampleDoc(): Record<string, any> {
  return parse(exampleText()) as Record<string, any>;
}

/**
 * The example plus generated guests up to `total` hosts on a /22 "farm" network: every third
 * one an LXC, every fifth VM cloned from a template, every fourth with a data disk.
 */
export function generatedText(total: number): string {
  const doc = exampleDoc();
  doc.networks.push({ name: 'farm', vlan: 60, cidr: '10.60.0.0/22', gateway: '10.60.0.1' });
  const nodes = doc.proxmox.nodes.map((n: { name: string }) => n.name);
  const roles = ['web', 'app', 'database', 'backup'];
  for (let i = doc.hosts.length; i < total; i++) {
    const kind = i % 3 === 0 ? 'lxc' : 'vm';
    doc.hosts.push({
      name: `svc-${i}`,
      kind,
      node: nodes[i % nodes.length],
      vmid: 1000 + i,
      role: roles[i % roles.length],
      memory: 1024,
      disks: i % 4 === 0 ? [{ size: 16 }, { size: 50 }] : [{ size: 16 }],
      nics: [{ network: 'farm', address: `10.60.${Math.floor((i + 10) / 250)}.${((i + 10) % 250) + 2}` }],
      tags: ['generated'],
      ...(kind === 'vm' && i % 5 === 0 ? { template: 9000 } : {}),
    });
  }
  return stringify(doc);
}

export function generated(total: number): ProvisionedInventory {
  return loadText(generatedText(total), `generated-${total}.yaml`);
}
