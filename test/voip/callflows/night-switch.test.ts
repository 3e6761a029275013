// `srw voip night` against the AMI simulator, which answers AstDB and Setvar like the recorded
// Asterisk 22.10.1 (astdb-admin.txt, devstate-custom-*.txt): the switch is the AstDB key every
// schedule's dialplan reads, the BLF lamp a mirror the admin may lack the rights for, and a
// change to several schedules is all or nothing.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { AmiClient } from '../../../voip/ami/client.js';
import { NightSwitchError, nightSchedules, readNight, setNight } from '../../../voip/callflows/night-switch.js';
import { startAmiSimulator, type AmiSimulator, type SimUser } from '../../../voip/lab/ami-simulator.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { EXAMPLE } from '../extensions/fixture.js';

const parse = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const example = readFileSync(EXAMPLE, 'utf8');
/** The example with a second schedule (the registry office keeps its own hours). */
const twoSchedules = parse(
  example.replace(
    /(    schedules:\n)/,
    '$1      - name: usc\n        hours: { mon-fri: "08:00-15:00" }\n        open: { ringGroup: usc }\n        closed: { voicemail: 220 }\n',
  ),
);

const ADMIN: SimUser = { secret: 'adm', read: ['system', 'config'], write: ['config', 'system', 'call'] };
let sim: AmiSimulator | undefined;
let client: AmiClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.stop();
  sim = client = undefined;
});

async function start(user: SimUser = ADMIN, fail?: (action: string, n: number) => 'error' | undefined) {
  const model = new PbxModel();
  const counts = new Map<string, number>();
  sim = await startAmiSimulator({
    model,
    users: { 'srw-admin': user },
    authFailDelayMs: 10,
    fault: ({ action }) => {
      counts.set(action, (counts.get(action) ?? 0) + 1);
      return fail?.(action, counts.get(action)!);
    },
  });
  client = new AmiClient({ host: '127.0.0.1', port: sim.port, username: 'srw-admin', secret: user.secret, events: 'off', reconnect: false, keepaliveMs: 0 });
  await client.connect();
  return { model, ami: client };
}

describe('the night switch over AMI', () => {
  it('on, off and auto write what the dialplan reads, light the BLF lamp while on, and read back', async () => {
    const names = nightSchedules(twoSchedules);
    expect(names).toEqual({ ok: true, names: ['usc', 'urzad'] });
    const { model, ami } = await start();
    const all = ['usc', 'urzad'];
    expect((await readNight(ami, all)).map((p) => p.position)).toEqual(['auto', 'auto']);
    const on = await setNight(ami, all, 'on');
    expect(on.changed).toEqual(all);
    expect(on.lampProblem).toBeUndefined();
    expect(model.astdb.get('/srw/night-urzad')).toBe('night');
    expect(model.customStates.get('Custom:srw-night-urzad')).toBe('INUSE');
    const off = await setNight(ami, ['urzad'], 'off');
    expect(model.astdb.get('/srw/night-urzad')).toBe('day');
    expect(off.after).toEqual([{ schedule: 'urzad', position: 'off', stored: 'day' }]);
    expect(model.customStates.get('Custom:srw-night-urzad')).toBe('NOT_INUSE');
    // auto deletes the key; deleting one that is already gone is not an error.
    await setNight(ami, all, 'auto');
    expect([...model.astdb.keys()]).toEqual([]);
    expect((await setNight(ami, all, 'auto')).changed).toEqual([]);
  });

  it('a value srw did not write reads as auto, and the switch overwrites it', async () => {
    const { model, ami } = await start();
    model.astdb.set('/srw/night-urzad', 'NIGHT ');
    expect(await readNight(ami, ['urzad'])).toEqual([{ schedule: 'urzad', position: 'auto', stored: 'NIGHT ' }]);
    expect((await setNight(ami, ['urzad'], 'on')).changed).toEqual(['urzad']);
    expect(model.astdb.get('/srw/night-urzad')).toBe('night');
  });

  it('an admin without write=call still flips the switch; the result says the lamp was not set and why', async () => {
    const { model, ami } = await start({ ...ADMIN, write: ['config', 'system'] });
    const r = await setNight(ami, ['urzad'], 'on');
    expect(model.astdb.get('/srw/night-urzad')).toBe('night');
    expect(model.customStates.size).toBe(0);
    expect(r.lampProblem).toMatch(/write=call/);
  });

  it('when the second schedule cannot be written, the first is put back: nothing ends half switched', async () => {
    const { model, ami } = await start(ADMIN, (action, n) => (action === 'dbput' && n === 2 ? 'error' : undefined));
    model.astdb.set('/srw/night-usc', 'day');
    const e = await setNight(ami, ['usc', 'urzad'], 'on').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NightSwitchError);
    expect((e as NightSwitchError).restored).toBe(true);
    expect((e as NightSwitchError).message).toMatch(/usc put back as before/);
    expect([...model.astdb]).toEqual([['/srw/night-usc', 'day']]);
  });

  it('a schedule the inventory does not have is refused before any AMI traffic', () => {
    expect(nightSchedules(twoSchedules, 'ratusz')).toEqual({ ok: false, message: 'no schedule "ratusz" in pbx.callFlows.schedules (there are: usc, urzad)' });
  });
});
