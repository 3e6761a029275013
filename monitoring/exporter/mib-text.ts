// Names and help texts for the if_mib series, read from the MIB files that the net-snmp
// package ships (the same files snmp-lab.md §4 builds snmp_exporter's if_mib from), so both
// exporters name ifType values identically — including the 2012 IANAifType-MIB's gap: values
// 277–303 have no name there and show as their number, as in snmp_exporter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let mibDir: string | undefined;
function mibFile(name: string): string {
  mibDir ??= join(dirname(createRequire(import.meta.url).resolve('net-snmp')), 'lib', 'mibs');
  try {
    return readFileSync(join(mibDir, name), 'utf8');
  } catch {
    return '';
  }
}

let ifTypes: Map<number, string> | undefined;

/** IANAifType number → enum name (ethernetCsmacd, …). */
export function ifTypeName(n: number): string {
  if (!ifTypes) {
    ifTypes = new Map();
    const text = mibFile('IANAifType-MIB.mib');
    const start = text.indexOf('IANAifType ::=');
    const body = start < 0 ? '' : text.slice(text.indexOf('{', start), text.indexOf('}', start));
    for (const m of body.matchAll(/([A-Za-z][\w-]*)\s*\((\d+)\)/g)) ifTypes.set(Number(m[2]), m[1]!);
  }
  return ifTypes.get(n) ?? String(n);
}

let helps: Map<string, string> | undefined;

/** First sentence of the object's DESCRIPTION, as snmp_exporter's generator writes help texts. */
export function mibHelp(object: string): string | undefined {
  if (!helps) {
    helps = new Map();
    const text = mibFile('IF-MIB.mib') + mibFile('SNMPv2-MIB.mib');
    for (const m of text.matchAll(/^\s*(\w+)\s+OBJECT-TYPE[\s\S]*?DESCRIPTION\s+"([^"]*)"/gm)) {
      const desc = m[2]!.replace(/\s+/g, ' ').trim();
      const first = desc.split(/\.(\s|$)/)[0] ?? desc;
      helps.set(m[1]!, first);
    }
  }
  return helps.get(object);
}
