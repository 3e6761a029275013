// The example city and its rendered dialplan, shared by the call-flow tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseInventory, type Inventory } from '../../../infra/inventory/index.js';
import { renderDialplan } from '../../../voip/extensions/dialplan.js';
import { withCallFlows } from '../../../voip/callflows/pbx-files.js';
import { renderQueuesConf } from '../../../voip/callflows/queues-conf.js';
import { repoRoot } from '../../helpers/run-srw.js';
import { parseDialplan, queueMembers, runCall, type Trace } from './dialplan-interpreter.js';
import { routeCall, type CallRoute, type NightSwitch } from '../../../voip/callflows/router.js';

export const EXAMPLE_PATH = resolve(repoRoot, 'examples/starachowice.yaml');
export const exampleText = (): string => readFileSync(EXAMPLE_PATH, 'utf8');
export const MAIN = '48412345678';
export const TRUNK = 'orange-trunk';

export function inventoryOf(text: string): Inventory {
  const r = parseInventory(text, 'inventory.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
  return r.value;
}

/** The example's pbx section with something changed, for a case the example does not have. */
export const exampleWith = (edit: (t: string) => string): Inventory => inventoryOf(edit(exampleText()));

export type Rendered = { extensionsConf: string; queuesConf: string; run: (c: { number?: string; at: Date; press?: string[]; night?: NightSwitch; vars?: Record<string, string> }) => Trace };

/** extensions.conf and queues.conf as srw renders them at `now`, and a way to place calls into them. */
export function rendered(inv: Inventory, now: Date): Rendered {
  const extensionsConf = withCallFlows(renderDialplan(inv.pbx!), inv, { now });
  const queuesConf = renderQueuesConf(inv);
  const dialplan = parseDialplan(extensionsConf);
  const queues = queueMembers(queuesConf);
  const db = (night: NightSwitch | undefined) =>
    Object.fromEntries((inv.pbx!.callFlows?.schedules ?? []).flatMap((s) => (night === 'on' ? [[`srw/night-${s.name}`, 'night']] : night === 'off' ? [[`srw/night-${s.name}`, 'day']] : [])));
  return {
    extensionsConf,
    queuesConf,
    run: (c) => runCall(dialplan, queues, { context: `from-trunk-${TRUNK}`, exten: c.number ?? MAIN, at: c.at, press: c.press ?? [], db: db(c.night), vars: c.vars ?? {} }),
  };
}

export const route = (inv: Inventory, c: { number?: string; at: Date; press?: string[]; night?: NightSwitch }): CallRoute =>
  routeCall(inv, { number: c.number ?? MAIN, at: c.at, press: c.press ?? [], night: c.night ?? 'auto' });

/** A wall-clock time in Warsaw as an instant. */
export const warsaw = (local: string): Date => {
  const utc = new Date(`${local}:00Z`);
  // Poland: CET (+1) in winter, CEST (+2) from the last Sunday of March to the last Sunday of October.
  const offset = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', timeZoneName: 'shortOffset' }).formatToParts(utc).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', '') || 0);
  return new Date(utc.getTime() - offset * 3600_000);
};
