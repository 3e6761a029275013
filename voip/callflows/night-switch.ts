// The night/holiday switch, live: `srw voip night on|off|auto` writes what every schedule's
// dialplan reads at each call (`${DB(srw/night-<schedule>)}`, callflow-dialplan.ts), so it takes
// effect with the next call and needs no reload. AstDB survives an Asterisk restart.
//
// on  → `night`: the schedule takes its closed branch whatever the hours say;
// off → `day`:   its open branch (an office open on a day the calendar closes);
// auto → the key is deleted: the hours and the calendar decide.
//
// Several schedules are switched as one change: the positions are read first, and when a write
// fails the ones already written are put back, so the PBX never ends half switched.
//
// A phone's BLF key on `night-<schedule>` (a hint in [internal] on Custom:srw-night-<schedule>)
// is lit while the switch is on. The lamp is a mirror, not the switch: setting it needs
// write=call (devstate-custom-admin.txt), which an admin user provisioned before call flows
// lacks; then the switch still works and the result says the lamp was not set.
import type { Inventory } from '../../infra/inventory/index.js';
import { NIGHT_DB_FAMILY, nightDevice, nightKey } from './callflow-dialplan.js';
import type { NightSwitch } from './router.js';

type Fields = { fields: Record<string, string | undefined> };
/** The part of AmiClient the switch needs (voip/ami/client.ts satisfies it). */
export type NightSession = {
  action(headers: Array<readonly [string, string]>, opts?: { timeoutMs?: number }): Promise<{ response: Fields; events: Fields[] }>;
};

/** The value each position stores; `auto` stores none. */
const STORED: Record<Exclude<NightSwitch, 'auto'>, string> = { on: 'night', off: 'day' };

export type NightPosition = {
  schedule: string;
  position: NightSwitch;
  /** What AstDB holds ('' when the key is absent): a value srw did not write means auto too. */
  stored: string;
};

export class NightSwitchError extends Error {
  constructor(
    message: string,
    /** true: every schedule is as it was before the command. */
    readonly restored: boolean,
  ) {
    super(message);
    this.name = 'NightSwitchError';
  }
}

/** The schedules a command acts on: the one named, or every schedule of the inventory. */
export function nightSchedules(inv: Inventory, only?: string): { ok: true; names: string[] } | { ok: false; message: string } {
  const all = (inv.pbx?.callFlows?.schedules ?? []).map((s) => s.name);
  if (all.length === 0) return { ok: false, message: 'the inventory has no pbx.callFlows.schedules: there is no night switch to flip' };
  if (only === undefined) return { ok: true, names: all };
  if (!all.includes(only)) return { ok: false, message: `no schedule ${JSON.stringify(only)} in pbx.callFlows.schedules (there are: ${all.join(', ')})` };
  return { ok: true, names: [only] };
}

const positionOf = (stored: string): NightSwitch => (stored === STORED.on ? 'on' : stored === STORED.off ? 'off' : 'auto');

/** An AstDB key that is not there: `Response: Error` / `Message: Database entry not found`. */
const isMissing = (e: unknown): boolean => e instanceof Error && /database entry not found/i.test(e.message);

async function readOne(ami: NightSession, schedule: string): Promise<NightPosition> {
  try {
    const r = await ami.action([['Action', 'DBGet'], ['Family', NIGHT_DB_FAMILY], ['Key', nightKey(schedule)]]);
    const stored = r.events.find((e) => (e.fields.event ?? '').toLowerCase() === 'dbgetresponse')?.fields.val ?? '';
    return { schedule, position: positionOf(stored), stored };
  } catch (e) {
    if (isMissing(e)) return { schedule, position: 'auto', stored: '' };
    throw e;
  }
}

export async function readNight(ami: NightSession, schedules: readonly string[]): Promise<NightPosition[]> {
  const out: NightPosition[] = [];
  for (const s of schedules) out.push(await readOne(ami, s));
  return out;
}

async function write(ami: NightSession, schedule: string, stored: string): Promise<void> {
  if (stored === '') {
    try {
      await ami.action([['Action', 'DBDel'], ['Family', NIGHT_DB_FAMILY], ['Key', nightKey(schedule)]]);
    } catch (e) {
      // A key that is not there answers `Database entry could not be deleted` (astdb-admin.txt),
      // the same words as a failed delete: only a read tells them apart.
      if ((await readOne(ami, schedule)).stored !== '') throw e;
    }
    return;
  }
  await ami.action([['Action', 'DBPut'], ['Family', NIGHT_DB_FAMILY], ['Key', nightKey(schedule)], ['Val', stored]]);
}

/** The lamp of a schedule's BLF key: lit while the switch is on. */
export const lampState = (p: NightSwitch): 'INUSE' | 'NOT_INUSE' => (p === 'on' ? 'INUSE' : 'NOT_INUSE');

export type NightChange = {
  before: NightPosition[];
  after: NightPosition[];
  changed: string[];
  /** Why the BLF lamps could not be set (the switch itself is set); absent when they were. */
  lampProblem?: string;
};

async function setLamps(ami: NightSession, schedules: readonly string[], position: NightSwitch): Promise<string | undefined> {
  try {
    for (const s of schedules) await ami.action([['Action', 'Setvar'], ['Variable', `DEVICE_STATE(${nightDevice(s)})`], ['Value', lampState(position)]]);
    return undefined;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return /permission denied/i.test(why) ? 'the admin AMI user may not set device states (it needs write=call in manager.conf: run srw voip render and install manager.conf)' : why;
  }
}

/**
 * Sets every schedule in `schedules` to `position`, then reads them back. A schedule already
 * there is not written. On a failure the schedules already written get their old value back.
 */
export async function setNight(ami: NightSession, schedules: readonly string[], position: NightSwitch): Promise<NightChange> {
  const before = await readNight(ami, schedules);
  const want = position === 'auto' ? '' : STORED[position];
  const todo = before.filter((b) => b.stored !== want);
  const done: NightPosition[] = [];
  try {
    for (const b of todo) {
      await write(ami, b.schedule, want);
      done.push(b);
    }
    const after = await readNight(ami, schedules);
    const wrong = after.filter((a) => a.stored !== want);
    if (wrong.length) throw new Error(`the PBX reads back ${wrong.map((w) => `${w.schedule}=${JSON.stringify(w.stored)}`).join(', ')}`);
    // Also when nothing changed: a lamp may be out of step (set by hand on the CLI, or the switch
    // flipped with `database put` there).
    const lampProblem = await setLamps(ami, schedules, position);
    return { before, after, changed: todo.map((t) => t.schedule), ...(lampProblem ? { lampProblem } : {}) };
  } catch (e) {
    const lost: string[] = [];
    for (const d of done.reverse()) {
      try {
        await write(ami, d.schedule, d.stored);
      } catch {
        lost.push(d.schedule);
      }
    }
    const why = e instanceof Error ? e.message : String(e);
    const tail = lost.length
      ? `NOT restored: ${lost.join(', ')} (set ${NIGHT_DB_FAMILY}/${nightKey(lost[0]!)} by hand: database put/del on the Asterisk CLI)`
      : done.length
        ? `${done.map((d) => d.schedule).join(', ')} put back as before`
        : 'nothing was changed';
    throw new NightSwitchError(`night switch failed: ${why}; ${tail}`, lost.length === 0);
  }
}

/** The BLF device of each schedule (for the README and the hint lines). */
export const nightDevices = (schedules: readonly string[]): string[] => schedules.map(nightDevice);
