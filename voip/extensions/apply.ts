// `srw voip apply`: bring the PBX's pjsip.conf, voicemail.conf and extensions.conf to what the
// inventory renders, over AMI, with the admin user (write=config,system). Every file is read
// first (GetConfig → masked diff), so a dry run shows all diffs; then per file, in that order
// (endpoints and mailboxes exist before the dialplan that routes to them): one UpdateConfig →
// Reload of its module → GetConfig again (and PJSIPShowEndpoint per new endpoint). If any step
// of any file fails, every file already touched is written back from its saved categories
// (order included), newest first, and its module reloaded; the error says what was restored.
//
// manager.conf is NOT managed here: rewriting AMI users over the AMI session that depends on
// them can lock srw out (a wrong permit/secret ends the only way back in).
import type { Inventory, Pbx } from '../../infra/inventory/index.js';
import { parseConfText, typeOf, type ConfigCategory } from './config-file.js';
import { configDiff, identicalConfig, keySecrets, mailboxSecrets, sameConfig, type SecretPart } from './config-diff.js';
import { parseGetConfig } from './getconfig.js';
import { INTERNAL_CONTEXT, pjsipCategories, trunkContext, type SecretLookup } from './pjsip.js';
import { renderPbxConfig } from './render.js';
import { planChanges, planReplaceAll, planReplaceOwned, updateConfigHeaders, type ObjectLines, type Plan } from './update-plan.js';
import { VOICEMAIL_CONTEXT } from './voicemail.js';

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
  /** pjsip.conf's name on the PBX (applyPjsip only). */
  file?: string;
  /** UpdateConfig can take a while on a big file. @default 30000 */
  updateTimeoutMs?: number;
};

/** One file's part of an apply. */
export type FileResult = {
  file: string;
  /** The module reloaded after its UpdateConfig. */
  module: string;
  /** Unified diff of the categories srw owns, secrets masked; '' when the PBX already matches. */
  diff: string;
  steps: number;
  added: string[];
  removed: string[];
  changed: string[];
  /** The file did not exist on the PBX (CreateConfig, then everything render writes). */
  created: boolean;
  /** UpdateConfig + reload + check done for this file. */
  applied: boolean;
};

/**
 * The top-level file…verified fields describe pjsip.conf, as before extensions.conf and
 * voicemail.conf were managed (scripts reading `--json` keep working); `files` has every
 * managed file in apply order, pjsip.conf included; `applied` is the whole apply.
 */
export type ApplyResult = {
  file: string;
  diff: string;
  steps: number;
  added: string[];
  removed: string[];
  changed: string[];
  applied: boolean;
  /** Endpoints PJSIPShowEndpoint confirmed after the reload. */
  verified: string[];
  files: FileResult[];
};

export class ApplyError extends Error {
  constructor(
    message: string,
    readonly result: ApplyResult,
    /** true: every file touched is back to what it was; false: at least one could not be restored. */
    readonly restored: boolean,
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

export const RELOAD_MODULE = 'res_pjsip.so';
export const DIALPLAN_MODULE = 'pbx_config.so';
export const VOICEMAIL_MODULE = 'app_voicemail.so';

/**
 * The object types srw renders and therefore owns in pjsip.conf: an endpoint, aor, auth,
 * registration, identify or transport on the PBX that the inventory does not describe is
 * removed. Everything else ([global], [system], ACLs, templates' users…) is left exactly as the
 * admin wrote it.
 */
export const MANAGED_TYPES = new Set(['endpoint', 'aor', 'auth', 'registration', 'identify', 'transport']);
const isManaged = (c: ConfigCategory): boolean => MANAGED_TYPES.has(typeOf(c));

const TRUNK_PREFIX = trunkContext('');
/**
 * extensions.conf: the contexts srw renders — [internal] (every phone starts there) and one
 * [from-trunk-<name>] per trunk; a [from-trunk-*] whose trunk left the inventory is removed.
 * [general] (static, writeprotect, autofallthrough…) and [globals] shape how pbx_config treats
 * every context, the admin's too, and hand-written contexts ([lab], [ivr]…) are the admin's:
 * none of them is touched.
 */
export const ownsDialplan = (c: ConfigCategory): boolean => c.name === INTERNAL_CONTEXT || c.name.startsWith(TRUNK_PREFIX);
/**
 * voicemail.conf: only the [default] context (the boxes). [general] stays the admin's: on an
 * existing PBX it carries what the inventory cannot describe yet (serveremail, attach, e-mail
 * templates); srw's recommended [general] is written only into a voicemail.conf apply creates.
 */
export const ownsVoicemail = (c: ConfigCategory): boolean => c.name === VOICEMAIL_CONTEXT;

const DIALPLAN_OBJECTS = new Set(['exten', 'same', 'include', 'switch', 'ignorepat']);
const dialplanObjects: ObjectLines = (cat, key) => cat.name !== 'general' && cat.name !== 'globals' && DIALPLAN_OBJECTS.has(key);
const voicemailObjects: ObjectLines = (cat) => cat.name !== 'general' && cat.name !== 'zonemessages';
const noSecrets: SecretPart = () => undefined;

/** How apply treats one file. */
type FileSpec = {
  file: string;
  module: string;
  /** The owned categories as the inventory renders them. */
  desired: ConfigCategory[];
  /** Everything render writes, for a file that does not exist yet. */
  whole: ConfigCategory[];
  owns: (c: ConfigCategory) => boolean;
  plan: (current: readonly ConfigCategory[], desired: readonly ConfigCategory[], owns: (c: ConfigCategory) => boolean) => Plan;
  secrets: SecretPart;
  object: ObjectLines;
  /** After the reload: what else can be checked with the admin user's rights. */
  verify?: (ami: AmiSession, plan: Plan, result: ApplyResult) => Promise<void>;
};

function pjsipSpec(pbx: Pbx, secret: SecretLookup, file = 'pjsip.conf'): FileSpec {
  const desired = pjsipCategories(pbx, secret);
  return {
    file,
    module: RELOAD_MODULE,
    desired,
    whole: desired,
    owns: isManaged,
    plan: (cur, want, owns) => planChanges(cur, want, owns),
    secrets: keySecrets,
    object: () => false,
    async verify(ami, plan, result) {
      const endpoints = plan.created.filter((c) => typeOf(c) === 'endpoint').map((c) => c.name);
      for (const name of endpoints) {
        const r = await ami.action([['Action', 'PJSIPShowEndpoint'], ['Endpoint', name]]);
        if (!r.events.some((e) => e.fields.event === 'EndpointDetail' && e.fields.objectname === name)) throw new Error(`endpoint ${name} is not loaded after the reload`);
        result.verified.push(name);
      }
    },
  };
}

function ownedSpec(file: string, module: string, text: string, owns: (c: ConfigCategory) => boolean, secrets: SecretPart, object: ObjectLines): FileSpec {
  const whole = parseConfText(text);
  return { file, module, desired: whole.filter(owns), whole, owns, plan: (cur, want, o) => planReplaceOwned(cur, want, o, object), secrets, object };
}

async function getConfig(ami: AmiSession, file: string): Promise<ConfigCategory[] | 'missing'> {
  try {
    return parseGetConfig((await ami.action([['Action', 'GetConfig'], ['Filename', file]])).response.headers);
  } catch (e) {
    // getconfig-missing-file.txt: `Response: Error` / `Message: Config file not found`.
    if (e instanceof Error && /config file not found/i.test(e.message)) return 'missing';
    throw e;
  }
}

/** Action: Reload / Module: … (config|system). `Command` would need write=command. */
async function reload(ami: AmiSession, module: string): Promise<void> {
  await ami.action([['Action', 'Reload'], ['Module', module]]);
}

async function update(ami: AmiSession, file: string, plan: Plan, timeoutMs: number): Promise<void> {
  if (plan.steps.length === 0) return;
  await ami.action(updateConfigHeaders(file, plan.steps), { timeoutMs });
}

/** pjsip categories read `201 (endpoint)`; typeless ones (contexts, voicemail) `[internal]`. */
const label = (c: ConfigCategory) => (typeOf(c) ? `${c.name} (${typeOf(c)})` : `[${c.name}]`);

/** What the plan does, in file order (the plan itself is grouped by category name). */
function summarize(current: readonly ConfigCategory[], desired: readonly ConfigCategory[], plan: Plan) {
  const inOrder = (cats: readonly ConfigCategory[], order: readonly ConfigCategory[]) =>
    [...new Set([...cats].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map(label))];
  const was = new Set(current.map(label));
  const created = inOrder(plan.created, desired);
  const removed = inOrder(plan.removed, current);
  return {
    added: created.filter((k) => !was.has(k)),
    changed: created.filter((k) => was.has(k)),
    removed: removed.filter((k) => !created.includes(k)),
  };
}

type FileRun = { spec: FileSpec; missing: boolean; saved: ConfigCategory[]; desired: ConfigCategory[]; owns: (c: ConfigCategory) => boolean; plan: Plan; result: FileResult };

function combine(runs: readonly FileRun[]): ApplyResult {
  const pj = runs.find((r) => r.spec.module === RELOAD_MODULE)?.result;
  return {
    file: pj?.file ?? 'pjsip.conf',
    diff: pj?.diff ?? '',
    steps: pj?.steps ?? 0,
    added: pj?.added ?? [],
    removed: pj?.removed ?? [],
    changed: pj?.changed ?? [],
    applied: false,
    verified: [],
    files: runs.map((r) => r.result),
  };
}

const listNames = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

async function run(specs: readonly FileSpec[], opts: ApplyOptions): Promise<ApplyResult> {
  const say = opts.progress ?? (() => {});
  let ami = await opts.connect();
  try {
    // Read every file before changing any: the dry run shows all diffs, and a GetConfig that
    // fails for the last file leaves the PBX untouched.
    const runs: FileRun[] = [];
    for (const spec of specs) {
      const got = await getConfig(ami, spec.file);
      const missing = got === 'missing';
      const saved = missing ? [] : got;
      const owns = missing ? () => true : spec.owns;
      const desired = missing ? spec.whole : spec.desired;
      const plan = spec.plan(saved, desired, owns);
      const mine = saved.filter(owns);
      const result: FileResult = {
        file: spec.file,
        module: spec.module,
        diff: configDiff(mine, desired, spec.file, spec.secrets),
        steps: plan.steps.length,
        ...summarize(mine, desired, plan),
        created: missing,
        applied: false,
      };
      runs.push({ spec, missing, saved, desired, owns, plan, result });
    }
    const result = combine(runs);
    const todo = runs.filter((r) => r.plan.steps.length > 0);
    if (todo.length === 0 || opts.dryRun) return result;

    const touched: FileRun[] = [];
    try {
      for (const r of todo) {
        const { file, module } = r.spec;
        touched.push(r);
        if (r.missing) await ami.action([['Action', 'CreateConfig'], ['Filename', file]]);
        say(`UpdateConfig ${file}: ${r.plan.steps.length} steps`);
        await update(ami, file, r.plan, opts.updateTimeoutMs ?? 30_000);
        say(`Reload ${module}`);
        await reload(ami, module);
        const after = await getConfig(ami, file);
        if (after === 'missing' || !sameConfig(after.filter(r.owns), r.desired)) throw new Error(`${file} on the PBX does not match the inventory after UpdateConfig`);
        const keep = (cats: readonly ConfigCategory[]) => cats.filter((c) => !r.owns(c));
        if (!identicalConfig(keep(after), keep(r.saved))) throw new Error(`${file}: categories srw does not manage changed during UpdateConfig`);
        if (r.spec.verify) {
          await r.spec.verify(ami, r.plan, result);
          say(`verified ${result.verified.length} endpoint${result.verified.length === 1 ? '' : 's'} with PJSIPShowEndpoint`);
        }
        r.result.applied = true;
      }
      result.applied = true;
      return result;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      say(`failed: ${why}; restoring ${listNames(touched.map((t) => t.spec.file))}`);
      const back: FileRun[] = [];
      const lost: string[] = [];
      for (const t of [...touched].reverse()) {
        try {
          ami = await usable(ami, opts.connect);
          if (await restore(ami, t)) back.push(t);
          else lost.push(t.spec.file);
        } catch (r) {
          lost.push(`${t.spec.file} (${r instanceof Error ? r.message : String(r)})`);
        }
      }
      back.reverse();
      const ok = back.length
        ? `the previous ${listNames(back.map((b) => b.spec.file))} ${back.length === 1 ? 'was' : 'were'} restored and ${listNames(back.map((b) => b.spec.module))} reloaded`
        : '';
      const tail = lost.length ? `RESTORE FAILED for ${listNames(lost)}: check ${lost.length === 1 ? 'it' : 'them'} on the PBX by hand${ok ? `; ${ok}` : ''}` : ok;
      throw new ApplyError(`apply failed: ${why}; ${tail}`, result, lost.length === 0);
    }
  } finally {
    await ami.close().catch(() => undefined);
  }
}

/**
 * Brings pjsip.conf, voicemail.conf and extensions.conf to `renderPbxConfig`'s output (the same
 * text `srw voip render` writes). Throws ConfigValueError (nothing sent) for a value that would
 * break a file, PlanError for a PBX file it cannot address, ApplyError after a failed change.
 */
export async function applyPbxConfig(inventory: Inventory, secret: SecretLookup, opts: ApplyOptions): Promise<ApplyResult> {
  const pbx = inventory.pbx;
  if (!pbx) throw new Error('the inventory has no pbx section');
  const rendered = renderPbxConfig(inventory, { secret });
  return run(
    [
      pjsipSpec(pbx, secret, opts.file),
      ownedSpec('voicemail.conf', VOICEMAIL_MODULE, rendered['voicemail.conf'], ownsVoicemail, mailboxSecrets, voicemailObjects),
      ownedSpec('extensions.conf', DIALPLAN_MODULE, rendered['extensions.conf'], ownsDialplan, noSecrets, dialplanObjects),
    ],
    opts,
  );
}

/** pjsip.conf only (the benchmark's figure, and a PBX whose dialplan is managed elsewhere). */
export async function applyPjsip(pbx: Pbx, secret: SecretLookup, opts: ApplyOptions): Promise<ApplyResult> {
  return run([pjsipSpec(pbx, secret, opts.file)], opts);
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

/**
 * The whole saved file back, order included (delete all, recreate all), then its module
 * reloaded. A file apply created stays on the PBX, empty: AMI cannot delete a file.
 */
async function restore(ami: AmiSession, t: FileRun): Promise<boolean> {
  const { file, module, object } = t.spec;
  const now = await getConfig(ami, file);
  const current = now === 'missing' ? [] : now;
  if (!identicalConfig(current, t.saved)) await update(ami, file, planReplaceAll(current, t.saved, object), 30_000);
  await reload(ami, module);
  const back = await getConfig(ami, file);
  return identicalConfig(back === 'missing' ? [] : back, t.saved);
}
