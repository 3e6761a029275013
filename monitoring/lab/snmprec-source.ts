// An SnmpSource that answers from a snmpsim `.snmprec` recording read in place (never copied):
// the same get/getNext/getBulk an agent gives, with snmpsim's cap of 64 varbinds per answer.
// Tests use it to run the real walk + decode path over ../shared/snmprec without a daemon.
import { readFileSync } from 'node:fs';
import { compareOids } from '../snmp/oid.js';
import type { SnmpSource, SnmpVersion } from '../snmp/source.js';
import type { Varbind, VarbindType } from '../snmp/varbind.js';

const tags: Record<string, VarbindType> = {
  '2': 'int',
  '4': 'octets',
  '5': 'null',
  '6': 'oid',
  '64': 'ip',
  '65': 'counter32',
  '66': 'gauge32',
  '67': 'timeticks',
  '68': 'opaque',
  '70': 'counter64',
};

function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  return Uint8Array.from({ length: clean.length >> 1 }, (_, i) => parseInt(clean.slice(i * 2, i * 2 + 2), 16));
}

/** Parses `OID|TAG|VALUE` lines (tag suffix `x` = hex value); the source sorts them by OID. */
export function parseSnmprec(text: string): Varbind[] {
  const out: Varbind[] = [];
  for (const line of text.split('\n')) {
    const a = line.indexOf('|');
    const b = line.indexOf('|', a + 1);
    if (a < 0 || b < 0) continue;
    const oid = line.slice(0, a);
    const rawTag = line.slice(a + 1, b);
    const raw = line.slice(b + 1).replace(/\r$/, '');
    const hex = rawTag.endsWith('x');
    const type = tags[hex ? rawTag.slice(0, -1) : rawTag];
    if (!type) continue;
    let value: Varbind['value'];
    if (type === 'octets' || type === 'opaque') value = hex ? hexBytes(raw) : new TextEncoder().encode(raw);
    else if (type === 'counter64') value = BigInt(raw || '0');
    else if (type === 'null') value = null;
    else if (type === 'oid' || type === 'ip') value = hex && type === 'ip' ? Array.from(hexBytes(raw)).join('.') : raw;
    else value = Number(raw);
    out.push({ oid, type, value });
  }
  return out;
}

export type SnmprecSourceOptions = {
  version?: SnmpVersion;
  /** Most varbinds per GETBULK answer (snmpsim: 64). */
  maxVarbinds?: number;
};

export class SnmprecSource implements SnmpSource {
  readonly version: SnmpVersion;
  #records: Varbind[];
  #byOid: Map<string, Varbind>;
  #cap: number;
  #sent = 0;

  constructor(records: Varbind[], opts: SnmprecSourceOptions = {}) {
    this.#records = [...records].sort((p, q) => compareOids(p.oid, q.oid));
    this.#byOid = new Map(records.map((r) => [r.oid, r]));
    this.version = opts.version ?? '2c';
    this.#cap = opts.maxVarbinds ?? 64;
  }

  static fromFile(path: string, opts?: SnmprecSourceOptions): SnmprecSource {
    return new SnmprecSource(parseSnmprec(readFileSync(path, 'utf8')), opts);
  }

  get pdusSent(): number {
    return this.#sent;
  }

  /** First record strictly after `oid` (binary search), or endOfMibView. */
  #next(oid: string): Varbind {
    let lo = 0;
    let hi = this.#records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareOids(this.#records[mid]!.oid, oid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return this.#records[lo] ?? { oid, type: 'endOfMibView', value: null };
  }

  async get(oids: string[]): Promise<Varbind[]> {
    this.#sent++;
    return oids.map((oid) => this.#byOid.get(oid) ?? { oid, type: 'noSuchObject', value: null });
  }

  async getNext(oids: string[]): Promise<Varbind[]> {
    this.#sent++;
    return oids.map((oid) => this.#next(oid));
  }

  async getBulk(oids: string[], maxRepetitions: number): Promise<Varbind[][]> {
    this.#sent++;
    const reps = Math.max(1, Math.min(maxRepetitions, Math.floor(this.#cap / Math.max(1, oids.length))));
    return oids.map((oid) => {
      const rows: Varbind[] = [];
      let cursor = oid;
      for (let i = 0; i < reps; i++) {
        const vb = this.#next(cursor);
        rows.push(vb);
        if (vb.type === 'endOfMibView') break;
        cursor = vb.oid;
      }
      return rows;
    });
  }

  close(): void {}
}
