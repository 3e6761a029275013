// The hook by which the call flows join what `srw voip render` writes and `srw voip apply`
// manages (voip/extensions/render.ts and apply.ts), without those files knowing the details:
//   - withCallFlows(extensions.conf text) adds the routed numbers to each trunk's context and
//     appends the srw-* contexts;
//   - renderQueuesConf() (queues-conf.ts) is queues.conf;
//   - ownsCallFlowContext / ownsQueue say which categories srw owns there.
import type { Inventory } from '../../infra/inventory/index.js';
import { CALLFLOW_CONTEXT_PREFIX } from '../../infra/inventory/index.js';
import { INTERNAL_CONTEXT, trunkContext } from '../extensions/pjsip.js';
import { callFlowContexts, callFlowDefaultLines, callFlowDidLines, nightDevice, nightKey, type RenderOptions } from './callflow-dialplan.js';

/**
 * A hint per schedule in [internal], where the phones subscribe: a BLF key on `night-<schedule>`
 * shows the night switch's lamp (Custom:srw-night-<schedule>, set by `srw voip night`). The
 * extension has no priority 1, so dialling it does nothing.
 */
export const nightHintLines = (inv: Inventory): string[] =>
  (inv.pbx?.callFlows?.schedules ?? []).map((s) => `exten => ${nightKey(s.name)},hint,${nightDevice(s.name)}`);

/**
 * Every sound the call flows play, once each, in inventory order. srw cannot upload files over
 * AMI: apply should say which are missing on the PBX, and the voip stack's cloud-init carry them.
 */
export function callFlowPrompts(inv: Inventory): string[] {
  const menus = inv.pbx?.callFlows?.menus ?? [];
  return [...new Set(menus.flatMap((m) => [...(typeof m.prompt === 'string' ? [m.prompt] : m.prompt), m.invalidPrompt]))];
}

/** The module `Reload` names after an UpdateConfig of queues.conf. */
export const QUEUE_MODULE = 'app_queue.so';

/** extensions.conf categories the call flows render (the trunk contexts are srw's already). */
export const ownsCallFlowContext = (c: { name: string }): boolean => c.name.startsWith(CALLFLOW_CONTEXT_PREFIX);
/** queues.conf categories srw renders; [general] and hand-written queues are the admin's. */
export const ownsQueue = (c: { name: string }): boolean => c.name.startsWith(CALLFLOW_CONTEXT_PREFIX);

/**
 * `base` is renderDialplan()'s text (voip/extensions/dialplan.ts). In each [from-trunk-<name>]
 * the numbers the call flows route come first; the rest of the trunk's calls go where a call
 * flow route without did sends them, else where dialplan.ts sent them (the trunk's inbound ring
 * list, or refused). The srw-* contexts follow at the end. Without call flows: `base` unchanged.
 */
export function withCallFlows(base: string, inv: Inventory, opts: RenderOptions): string {
  const pbx = inv.pbx;
  if (!pbx?.callFlows) return base;
  const out: string[] = [];
  let replacing = false;
  for (const line of base.replace(/\n+$/, '').split('\n')) {
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head?.[1] === INTERNAL_CONTEXT) {
      replacing = false;
      out.push(line, ...nightHintLines(inv));
      continue;
    }
    if (head) {
      replacing = false;
      const trunk = pbx.trunks.find((t) => trunkContext(t.name) === head[1]);
      if (trunk) {
        const dids = callFlowDidLines(pbx, trunk.name);
        const rest = callFlowDefaultLines(pbx, trunk.name);
        if (dids.length || rest) out.push(line, `; numbers routed by pbx.callFlows.inbound`, ...dids);
        if (rest) {
          out.push(...rest, '');
          replacing = true;
        }
        if (dids.length || rest) continue;
      }
    }
    if (!replacing) out.push(line);
  }
  return [...out, ...callFlowContexts(inv, opts), ''].join('\n');
}
