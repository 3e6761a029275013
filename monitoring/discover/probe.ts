// One address: every candidate credential is tried at once (one GET of the system group each),
// and the most preferred one that answers wins, so a silent address costs one timeout, not one
// per credential, and a v3 user is chosen over a v2c community that also works. The winner's
// session then identifies the device; the others are closed at once.
import { SnmpSession, type SnmpCredentials } from '../snmp/session.js';
import { SnmpError } from '../snmp/source.js';
import type { CredentialCandidate } from './credentials.js';
import { identify, OID, type DeviceFacts } from './identify.js';

export type ResolvedCandidate = CredentialCandidate & { credentials: SnmpCredentials };

export type ProbeOptions = {
  /** UDP port of the agents (161). */
  port: number;
  /** Per request, and how many times it is sent again. */
  timeoutMs: number;
  retries: number;
};

/**
 * found: a credential worked; refused: the agent answered but turned every credential down (only
 * SNMPv3 can say so: a wrong community is silence); silent: no answer at all; unreachable: the
 * host said nothing listens on the port (ICMP port unreachable); garbage: replies came that are
 * not SNMP; error: anything else, with the reason; cancelled: the address's or the run's time was
 * up first.
 */
export type ProbeStatus = 'found' | 'refused' | 'silent' | 'unreachable' | 'garbage' | 'error' | 'cancelled';

export type ProbeResult =
  | { address: string; status: 'found'; credential: ResolvedCandidate; facts: DeviceFacts; ms: number }
  | { address: string; status: Exclude<ProbeStatus, 'found'>; reason: string; ms: number };

type Attempt = { candidate: ResolvedCandidate; session: SnmpSession; outcome: Promise<SnmpError | undefined> };

function asSnmpError(e: unknown): SnmpError {
  return e instanceof SnmpError ? e : new SnmpError('error', e instanceof Error ? e.message : String(e));
}

/** Why nothing worked, from the attempts' failures (one line, credentials named, never their values). */
function failure(fails: { candidate: ResolvedCandidate; error: SnmpError }[]): { status: Exclude<ProbeStatus, 'found' | 'cancelled'>; reason: string } {
  const kinds = new Set(fails.map((f) => f.error.kind));
  if (kinds.has('refused')) return { status: 'unreachable', reason: 'port unreachable: no SNMP agent listens there' };
  const auth = fails.filter((f) => f.error.kind === 'auth');
  if (auth.length > 0) {
    const rest = fails.length - auth.length;
    return { status: 'refused', reason: `the agent refused ${auth.map((f) => `${f.candidate.path[0]}[${f.candidate.path[1]}] ${f.candidate.device} (${f.error.message})`).join('; ')}${rest > 0 ? `; ${rest} other credential${rest === 1 ? '' : 's'} got no answer` : ''}` };
  }
  const garbage = fails.find((f) => /unparsable/.test(f.error.message) || (f.error.kind === 'error' && /invalid answer|decode|parse/i.test(f.error.message)));
  if (garbage) return { status: 'garbage', reason: `replies that are not valid SNMP: ${garbage.error.message}` };
  if (fails.every((f) => f.error.kind === 'timeout')) return { status: 'silent', reason: 'no answer' };
  const other = fails.find((f) => f.error.kind !== 'timeout')!;
  return { status: 'error', reason: other.error.message };
}

export async function probeAddress(address: string, candidates: readonly ResolvedCandidate[], opts: ProbeOptions, signal: AbortSignal): Promise<ProbeResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  if (signal.aborted) return { address, status: 'cancelled', reason: 'not probed: the run was out of time', ms: 0 };
  const attempts: Attempt[] = candidates.map((candidate) => {
    const session = new SnmpSession({ address, settings: { ...candidate.settings, port: opts.port, timeoutMs: opts.timeoutMs, retries: opts.retries }, credentials: candidate.credentials });
    const outcome = session
      .scoped(signal)
      .get([OID.sysObjectID, OID.sysName])
      .then(
        () => undefined,
        (e: unknown) => asSnmpError(e),
      );
    return { candidate, session, outcome };
  });
  // Closing a session fails its requests at once (net-snmp cancels them on close).
  const onAbort = () => attempts.forEach((a) => a.session.close());
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const fails: { candidate: ResolvedCandidate; error: SnmpError }[] = [];
    let winner: Attempt | undefined;
    // In preference order: a less preferred success waits until every better one has failed.
    for (const a of attempts) {
      const error = await a.outcome;
      if (!error) {
        winner = a;
        break;
      }
      fails.push({ candidate: a.candidate, error });
    }
    for (const a of attempts) if (a !== winner) a.session.close();
    if (signal.aborted) return { address, status: 'cancelled', reason: 'out of time while probing', ms: ms() };
    if (!winner) return { address, ...failure(fails), ms: ms() };
    try {
      const facts = await identify(winner.session.scoped(signal), signal);
      return { address, status: 'found', credential: winner.candidate, facts, ms: ms() };
    } catch (e) {
      if (signal.aborted) return { address, status: 'cancelled', reason: `answered with ${winner.candidate.label}, but ran out of time while identifying it`, ms: ms() };
      return { address, status: 'error', reason: `answered with ${winner.candidate.path[0]}[${winner.candidate.path[1]}] ${winner.candidate.device}, then: ${asSnmpError(e).message}`, ms: ms() };
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const a of attempts) a.session.close();
  }
}
