// The receiver's own SNMPv3 engine (RFC 3414 §2.2): for informs srw is the authoritative engine,
// so senders learn its engine ID, boots and time by discovery and must then stay inside its time
// window. net-snmp's Receiver answers discovery with a random engine ID per start and a constant
// boots 0 / time 10, which makes every restart look like a new engine and gives replayed informs
// nothing to fail on. Here the ID is stable (derived from the host and listening address, or
// given), engineBoots is counted up in a state file on every start, and engineTime runs.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** RFC 3414 §2.2.3: engineBoots at this value means "locked"; a manager must not go past it. */
export const MAX_BOOTS = 2147483647;
/** RFC 3414 §3.2 step 7: a message more than 150 s off the engine's clock is outside the window. */
export const TIME_WINDOW_S = 150;

export type EngineIdentity = { engineId: Buffer; boots: number; startedAt: number; bootsFile?: string; bootsWarning?: string };

/**
 * RFC 3411 SnmpEngineID, format 5 (octets): 0x80 | enterprise, then 0x05 and 12 bytes. The
 * enterprise is 0x00B983, the one net-snmp itself uses for the IDs it generates.
 */
export function deriveEngineId(seed: string): Buffer {
  const digest = createHash('sha256').update(seed).digest().subarray(0, 12);
  return Buffer.concat([Buffer.from('8000b98305', 'hex'), digest]);
}

/** "0x8000…" or "8000…": 5 to 32 octets, as SnmpEngineID allows. */
export function parseEngineId(hex: string): Buffer | undefined {
  const h = hex.replace(/^0x/i, '');
  if (!/^([0-9a-f]{2}){5,32}$/i.test(h)) return undefined;
  return Buffer.from(h, 'hex');
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'srw');
}

/**
 * Reads engineBoots from `file`, adds one, writes it back (atomically, 0600). When the file
 * cannot be written the boots counter falls back to the minutes since 2020 (still increasing
 * across restarts, just not by one), with a warning for the log.
 */
export function nextBoots(file: string, now = Date.now()): { boots: number; warning?: string } {
  let prev = 0;
  try {
    prev = Number.parseInt(readFileSync(file, 'utf8').trim(), 10) || 0;
  } catch {
    // first start
  }
  const boots = Math.min(MAX_BOOTS, prev + 1);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${boots}\n`, { mode: 0o600 });
    renameSync(tmp, file);
    return { boots };
  } catch (e) {
    const fallback = Math.max(prev + 1, Math.floor((now - Date.UTC(2020, 0, 1)) / 60_000));
    return { boots: Math.min(MAX_BOOTS, fallback), warning: `cannot keep SNMPv3 engineBoots in ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); counting from the clock instead` };
  }
}

export type EngineOptions = { engineId?: Buffer; stateDir?: string; listen: string; now?: () => number };

export function startEngine(o: EngineOptions): EngineIdentity {
  const now = o.now ?? Date.now;
  const engineId = o.engineId ?? deriveEngineId(`srw trap receiver ${hostname()} ${o.listen}`);
  const bootsFile = join(o.stateDir ?? defaultStateDir(), `snmp-engine-${engineId.toString('hex')}.boots`);
  const { boots, warning } = nextBoots(bootsFile, now());
  return { engineId, boots, startedAt: now(), bootsFile, ...(warning ? { bootsWarning: warning } : {}) };
}

/** snmpEngineTime: whole seconds since this engine started (its boots counted up). */
export function engineTime(e: EngineIdentity, now: number): number {
  return Math.max(0, Math.floor((now - e.startedAt) / 1000));
}

/** RFC 3414 §3.2 step 7a, for messages to which this engine is authoritative. */
export function inTimeWindow(e: EngineIdentity, boots: number, time: number, now: number): boolean {
  if (e.boots === MAX_BOOTS || boots !== e.boots) return false;
  return Math.abs(time - engineTime(e, now)) <= TIME_WINDOW_S;
}
