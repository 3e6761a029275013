// Rules for switches[].ports that zod cannot express: a port is listed once per switch, and an
// access port (a desk socket, where any LLDP neighbour is a rogue device) expects no neighbour.
import type { Inventory } from './schema.js';
import type { Finding } from './references.js';

const key = (s: string) => s.trim().toLowerCase();

export function portRules(inv: Inventory): Finding[] {
  return inv.switches.flatMap((sw, i) => {
    const out: Finding[] = [];
    const seen = new Map<string, number>();
    sw.ports.forEach((p, j) => {
      const base = ['switches', i, 'ports', j];
      const first = seen.get(key(p.name));
      if (first !== undefined) out.push({ code: 'duplicate', message: `port ${p.name} of ${sw.name} is already listed`, path: [...base, 'name'], firstPath: ['switches', i, 'ports', first, 'name'] });
      else seen.set(key(p.name), j);
      if (p.role === 'access' && p.neighbour)
        out.push({ code: 'schema', message: `an access port expects no LLDP neighbour (any there is reported as a rogue device); give port ${p.name} the role uplink, server or phone, or drop the neighbour`, path: [...base, 'neighbour'] });
      if (p.neighbour && key(p.neighbour.sysName) === key(sw.name))
        out.push({ code: 'reference', message: `port ${p.name} of ${sw.name} names ${sw.name} itself as its neighbour`, path: [...base, 'neighbour', 'sysName'] });
    });
    return out;
  });
}
