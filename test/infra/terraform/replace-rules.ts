// Which attribute changes make bpg/proxmox 0.111.1 replace (destroy and re-create) a resource:
// the ForceNew flags and CustomizeDiff rules of the provider source at tag v0.111.1
// (github.com/bpg/terraform-provider-proxmox, MPL-2.0), for the attributes srw sets or that an
// import leaves different. Read from:
//   proxmoxtf/resource/vm/vm.go          amd_sev (l. 458), clone.* (605–633), initialization
//                                         *_file_id and type (999–1031), CustomizeDiff vm_id /
//                                         node_name (1767–1790)
//   proxmoxtf/resource/vm/disk/schema.go disk.file_id (140)
//   proxmoxtf/resource/container/container.go  clone.* (235–268), disk.datastore_id (408),
//                                         initialization.user_account (642–666), mount_point
//                                         (746), node_name (987), operating_system and its
//                                         template_file_id (993–1004), pool_id (1019), template
//                                         (1094), unprivileged (1152), CustomizeDiff vm_id and
//                                         disk shrink (1172–1228)
// The stand-in provider plans a replacement exactly when one of these differs, so a plan that
// would re-create an adopted guest on a real cluster re-creates it here too.
import { isObject, sameValue, type Value } from './cty-value.js';

type Step = string | number;
/** '*' walks every element of a list. */
type Rule = { path: (string | '*')[]; when?: (prior: { [k: string]: Value }, planned: { [k: string]: Value }) => boolean };

const vmIdChanged = (prior: { [k: string]: Value }, planned: { [k: string]: Value }) => String(planned.vm_id) !== String(prior.id);

const RULES: Record<string, Rule[]> = {
  proxmox_virtual_environment_vm: [
    { path: ['vm_id'], when: vmIdChanged },
    { path: ['node_name'], when: (_p, n) => n.migrate !== true },
    { path: ['amd_sev'] },
    { path: ['clone'] },
    { path: ['disk', '*', 'file_id'] },
    ...['user_data_file_id', 'vendor_data_file_id', 'network_data_file_id', 'meta_data_file_id', 'type'].map((a): Rule => ({ path: ['initialization', '*', a] })),
  ],
  proxmox_virtual_environment_container: [
    { path: ['vm_id'], when: vmIdChanged },
    { path: ['node_name'] },
    { path: ['clone'] },
    { path: ['disk', '*', 'datastore_id'] },
    { path: ['initialization', '*', 'user_account'] },
    { path: ['mount_point'] },
    { path: ['operating_system'] },
    { path: ['pool_id'] },
    { path: ['template'] },
    { path: ['unprivileged'] },
  ],
};

function at(v: Value | undefined, key: string | number): Value | undefined {
  if (typeof key === 'number') return Array.isArray(v) ? v[key] : undefined;
  return isObject(v) ? v[key] : undefined;
}

function walk(rule: (string | '*')[], prior: Value | undefined, planned: Value | undefined, path: Step[], out: Step[][]): void {
  if (rule.length === 0) {
    if (!sameValue(prior, planned)) out.push(path);
    return;
  }
  const [head, ...rest] = rule;
  if (head === '*') {
    const n = Math.max(Array.isArray(prior) ? prior.length : 0, Array.isArray(planned) ? planned.length : 0);
    for (let i = 0; i < n; i++) walk(rest, at(prior, i), at(planned, i), [...path, i], out);
    return;
  }
  walk(rest, at(prior, head!), at(planned, head!), [...path, head!], out);
}

/** Attribute paths whose change forces a new resource; empty when the change is in place. */
export function replacePaths(type: string, prior: Value, planned: Value): Step[][] {
  if (!isObject(prior) || !isObject(planned)) return [];
  const out: Step[][] = [];
  for (const rule of RULES[type] ?? []) {
    if (rule.when && !rule.when(prior, planned)) continue;
    walk(rule.path, prior, planned, [], out);
  }
  // A container disk that would shrink is re-created (Proxmox only grows volumes).
  if (type === 'proxmox_virtual_environment_container') {
    const sizes = (v: Value | undefined) => (Array.isArray(v) ? v.map((d) => Number(at(d, 'size') ?? 4)) : []);
    const [was, will] = [sizes(prior.disk), sizes(planned.disk)];
    if (was.some((s, i) => will[i] !== undefined && s > will[i]!)) out.push(['disk']);
  }
  return out;
}
