// `srw voip apply`: bring the PBX's pjsip.conf to what the inventory says, over AMI, with the
// admin user (write=config,system). GetConfig → diff → one UpdateConfig → Reload res_pjsip.so →
// PJSIPShowEndpoint per new endpoint. If any step after the GetConfig fails, the saved
// categories are written back (order included) and res_pjsip is reloaded again, so the PBX ends
// where it started; the error then says whether that restore succeeded.
import type { Pbx } from '../../infra/inventory/index.js';
import { typeOf, type ConfigCategory } from './config-file.js';
import { configDiff, identicalConfig, sameConfig } from './config-diff.js';
import { parseGetConfig } from './getconfig.js';
import { pjsipCategories, type SecretLookup } from './pjsip.js';
import { planChanges, planReplaceAll, updateConfigHeaders, type Plan } from './update-plan.js';

type Header = readonly [string, string];
type Message = { headers: readonly Header[]; fields: Record<string, string> };

/** The part of AmiClient apply needs (voip/ami/client.ts satisfies it). */
export type AmiSession = {
  action(headers: Array<readonly [string, string]>, opts?: { timeoutMs?: number }): Promise<{ response: Message; events: Message[] }>;
  close(): Promise<void>;
};

export type ApplyOptions = {
  dryRun: boolean;
  /** Opens a logged-in admin session; called again to restore if the first one was lost. */
  connect: () => Promise<AmiSession>;
  /** Progress lines for the user (no secrets in them). */
  progress?: (line: string) => void;
  file?: string;
  /** UpdateConfig can take a while on a big file. @default 30000 */
  updateTimeoutMs?: number;
};

export type ApplyResult = {
  file: string;
  /** Unified diff with passwords masked; '' when the PBX already matches. */
  diff: string;
  steps: number;
  added: string[];
  removed: string[];
  changed: string[];
  applied: boolean;
  /** Endpoints PJSIPShowEndpoint confirmed after the reload. */
  verified: string[];
};

export class ApplyError extends Error {
  constructor(
    message: string,
    readonly result: ApplyResult,
    /** true: the PBX's pjsip.conf is back to what it was; false: it could not be restored. */
    readonly restored: boolean,
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

export const RELOAD_MODULE = 'res_pjsip.so';

/**
 * The object types srw renders and therefore owns: an endpoint, aor, auth, registration,
 * identify or transport on the PBX that the inventory does not describe is removed. Everything
 * else ([global], [system], ACLs, templates' users…) is left exactly as the admin wrote it.
 */
export const MANAGED_TYPES = new Set(['endpoint', 'aor', 'auth', 'registration', 'identify', 'transport']);
const isManaged = (c: ConfigCategory): boolean => MANAGED_TYPES.has(typeOf(c));

async function getConfig(ami: AmiSession, file: string): Promise<ConfigCategory[] | 'missing'> {
  try {
    return parseGetConfig((await ami.action([['Action', 'GetConfig'], ['Filename', file]])).response.headers);
  } catch (e) {
    // getconfig-missing-file.txt: `Response: Error` / `Message: Config file not found`.
    if (e instanceof Error && /config file not found/i.test(e.message)) return 'missing';
    throw e;
  }
}

/** Action: Reload / Module: res_pjsip.so (config|system). `Command` would need write=command. */
async function reload(ami: AmiSession): Promise<void> {
  await ami.action([['Action', 'Reload'], ['Module', RELOAD_MODULE]]);
}

async function update(ami: AmiSession, file: string, plan: Plan, timeoutMs: number): Promise<void> {
  if (plan.steps.length === 0) return;
  await ami.action(updateConfigHeaders(file, plan.steps), { timeoutMs });
}

/** What the plan does, in file order (the plan itself is grouped by category name). */
function summarize(current: readonly ConfigCategory[], desired: readonly ConfigCategory[], plan: Plan) {
  const key = (c: ConfigCategory) => `${c.name} (${typeOf(c) || 'no type'})`;
  const inOrder = (cats: readonly ConfigCategory[], order: readonly ConfigCategory[]) =>
    [...cats].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map(key);
  const was = new Set(current.map(key));
  const created = inOrder(plan.created, desired);
  const removed = inOrder(plan.removed, current);
  return {
    added: created.filter((k) => !was.has(k)),
    changed: created.filter((k) => was.has(k)),
    removed: removed.filter((k) => !created.includes(k)),
  };
}

export async function applyPjsip(pbx: Pbx, secret: SecretLookup, opts: ApplyOptions): Promise<ApplyResult> {
  const file = opts.file ?? 'pjsip.conf';
  const say = opts.progress ?? (() => {});
  const desired = pjsipCategories(pbx, secret);
  let ami = await opts.connect();
  try {
    const got = await getConfig(ami, file);
    const saved = got === 'missing' ? [] : got;
    const managed = saved.filter(isManaged);
    const plan = planChanges(saved, desired, isManaged);
    const result: ApplyResult = { file, diff: configDiff(managed, desired, file), steps: plan.steps.length, ...summarize(managed, desired, plan), applied: false, verified: [] };
    if (plan.steps.length === 0 || opts.dryRun) return result;

    const endpoints = plan.created.filter((c) => typeOf(c) === 'endpoint').map((c) => c.name);
    try {
      if (got === 'missing') await ami.action([['Action', 'CreateConfig'], ['Filename', file]]);
      say(`UpdateConfig ${file}: ${plan.steps.length} steps`);
      await update(ami, file, plan, opts.updateTimeoutMs ?? 30_000);
      say(`Reload ${RELOAD_MODULE}`);
      await reload(ami);
      const after = await getConfig(ami, file);
      if (after === 'missing' || !sameConfig(after.filter(isManaged), desired)) throw new Error(`${file} on the PBX does not match the inventory after UpdateConfig`);
      for (const name of endpoints) {
        const r = await ami.action([['Action', 'PJSIPShowEndpoint'], ['Endpoint', name]]);
        if (!r.events.some((e) => e.fields.event === 'EndpointDetail' && e.fields.objectname === name)) throw new Error(`endpoint ${name} is not loaded after the reload`);
        result.verified.push(name);
      }
      say(`verified ${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'} with PJSIPShowEndpoint`);
      result.applied = true;
      return result;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      say(`failed: ${why}; restoring the previous ${file}`);
      let restored = false;
      let restoreWhy = '';
      try {
        ami = await usable(ami, opts.connect);
        restored = await restore(ami, file, saved);
      } catch (r) {
        restoreWhy = r instanceof Error ? r.message : String(r);
      }
      const tail = restored ? `the previous ${file} was restored and ${RELOAD_MODULE} reloaded` : `RESTORE FAILED${restoreWhy ? ` (${restoreWhy})` : ''}: check ${file} on the PBX by hand`;
      throw new ApplyError(`apply failed: ${why}; ${tail}`, result, restored);
    }
  } finally {
    await ami.close().catch(() => undefined);
  }
}

/** The session if it still answers, otherwise a fresh one. */
async function usable(ami: AmiSession, connect: () => Promise<AmiSession>): Promise<AmiSession> {
  try {
    await ami.action([['Action', 'Ping']], { timeoutMs: 3000 });
    return ami;
  } catch {
    await ami.close().catch(() => undefined);
    return connect();
  }
}

async function restore(ami: AmiSession, file: string, saved: readonly ConfigCategory[]): Promise<boolean> {
  const now = await getConfig(ami, file);
  const current = now === 'missing' ? [] : now;
  if (!identicalConfig(current, saved)) await update(ami, file, planReplaceAll(current, saved), 30_000);
  await reload(ami);
  const back = await getConfig(ami, file);
  return identicalConfig(back === 'missing' ? [] : back, saved);
}
