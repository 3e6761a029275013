// Every secret reference in an inventory, with its YAML path: used by `srw validate --secrets`
// to check that each one resolves, without ever printing a value.
import type { Inventory, SecretRef } from './schema.js';

export type SecretUse = { ref: SecretRef; path: (string | number)[] };

export function secretUses(inv: Inventory): SecretUse[] {
  const out: SecretUse[] = inv.proxmox ? [{ ref: inv.proxmox.apiToken, path: ['proxmox', 'apiToken'] }] : [];
  const devices = [...inv.switches.map((d, i) => ({ d, base: ['switches', i] })), ...inv.upses.map((d, i) => ({ d, base: ['upses', i] }))];
  for (const { d, base } of devices) {
    for (const key of ['community', 'authKey', 'privKey'] as const) {
      const ref = d.snmp[key];
      if (ref) out.push({ ref, path: [...base, 'snmp', key] });
    }
  }
  const pbx = inv.pbx;
  if (pbx) {
    out.push({ ref: pbx.ami.monitor.secret, path: ['pbx', 'ami', 'monitor', 'secret'] });
    if (pbx.ami.admin) out.push({ ref: pbx.ami.admin.secret, path: ['pbx', 'ami', 'admin', 'secret'] });
    pbx.trunks.forEach((t, i) => out.push({ ref: t.secret, path: ['pbx', 'trunks', i, 'secret'] }));
    pbx.extensions.forEach((e, i) =>
      out.push({ ref: e.secret ?? { file: pbx.secretsFile, key: `sip_${e.number}` }, path: ['pbx', 'extensions', i, e.secret ? 'secret' : 'number'] }),
    );
    pbx.extensions.forEach((e, i) => {
      if (e.voicemail) out.push({ ref: e.voicemailPin ?? { file: pbx.secretsFile, key: `vm_${e.number}` }, path: ['pbx', 'extensions', i, e.voicemailPin ? 'voicemailPin' : 'number'] });
    });
  }
  return out;
}
