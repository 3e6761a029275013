// What a walk needs from an agent. monitoring/snmp/session.ts implements it over net-snmp;
// monitoring/lab/snmprec-source.ts answers from a recording in place, for tests.
import type { Varbind } from './varbind.js';

export type SnmpVersion = '1' | '2c' | '3';

export interface SnmpSource {
  readonly version: SnmpVersion;
  /** Request PDUs put on the wire so far, retries and SNMPv3 discovery included. */
  readonly pdusSent: number;
  /** Of those, the ones sent again after a timeout (absent: the source cannot tell). */
  readonly pdusRetried?: number;
  get(oids: string[]): Promise<Varbind[]>;
  /** One varbind per requested OID (SNMPv1 style walk step). */
  getNext(oids: string[]): Promise<Varbind[]>;
  /** GETBULK without non-repeaters: result[i] holds the rows answered for oids[i], in order. */
  getBulk(oids: string[], maxRepetitions: number): Promise<Varbind[][]>;
  close(): void;
  /**
   * A view for one scrape that counts only its own PDUs and rejects every call once `signal`
   * aborts (absent: the source serves one scrape at a time and is used as it is).
   */
  scoped?(signal?: AbortSignal): SnmpSource;
}

/**
 * timeout: no (usable) answer; refused: ICMP port unreachable (no agent on that port); auth:
 * the agent rejected our credentials (SNMPv3 report or a digest that does not match); tooBig:
 * the answer would not fit; noSuchName: SNMPv1's "no such OID" (`oid` says which); cancelled:
 * the scrape was given up (client gone, deadline); limit: a walk outgrew its bounds; error:
 * anything else the agent or the packet said.
 */
export type SnmpErrorKind = 'timeout' | 'refused' | 'auth' | 'tooBig' | 'noSuchName' | 'cancelled' | 'limit' | 'error';

export class SnmpError extends Error {
  constructor(
    readonly kind: SnmpErrorKind,
    message: string,
    readonly oid?: string,
  ) {
    super(message);
    this.name = 'SnmpError';
  }
}
