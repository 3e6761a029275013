// `srw voip apply`: bring the PBX's pjsip.conf, voicemail.conf and extensions.conf to what the
// inventory renders, over AMI, with the admin user (write=config,system).
//
// The real PBX forbids doing it in place (issue 10): one AMI message carries at most 128 header
// lines (updateconfig-129-lines-refused.txt), so a change must be cut into several UpdateConfigs
// and is then no longer all or nothing. So apply never edits a live file step by step. Per file:
//   1. read it (GetConfig), plan the change, and run the whole plan through the same UpdateConfig
//      engine Asterisk uses (update-config.ts) on what was read: a plan that cannot work stops
//      here, before anything is written;
//   2. copy the live file to a private backup with a zero-action UpdateConfig (a faithful copy:
//      updateconfig-copy-after-createconfig.txt) and read the backup back;
//   3. build the new file in a private staging copy in ≤128-line UpdateConfigs (Src = live for
//      the first, then Src = Dst = staging: updateconfig-copy-to-staging-with-actions.txt shows the
//      live file untouched), and read it back: what srw owns as rendered, the rest as it was;
//   4. only when every file is staged, check that nobody changed a live file meanwhile, then per
//      file: copy staging → live in ONE zero-action UpdateConfig (updateconfig-copy-staging-back-
//      and-reload.txt), Reload its module, read the file back, and compare res_pjsip's running
//      objects with the file (running-objects.ts): a reload reports success also for objects it
//      did not take;
//   5. on any failure in 4, copy each swapped file's backup → live (again one action), reload, and
//      check the file and the running objects are as before. A failure in 1-3 changed nothing live.
// The backup and staging copies live in a private directory of the config directory (STAGING_DIR),
// because a file CreateConfig makes is mode 0644 and these hold every SIP password; the directory
// must exist (0700, owner asterisk): AMI cannot create directories.
//
// manager.conf is NOT managed here: rewriting AMI users over the AMI session that depends on
// them can lock srw out (a wrong permit/secret ends the only way back in).
import type { Inventory, Pbx } from '../../infra/inventory/index.js';
import { ownsCallFlowContext, ownsQueue, QUEUE_MODULE } from '../callflows/pbx-files.js';
import { parseConfText, typeOf, type ConfigCategory } from './config-file.js';
import { configDiff, identicalConfig, keySecrets, mailboxSecrets, sameConfig, type SecretPart } from './config-diff.js';
import { parseGetConfig } from './getconfig.js';
import { GLOBAL_CATEGORY, INTERNAL_CONTEXT, pjsipCategories, trunkContext, type SecretLookup } from './pjsip.js';
import { renderPbxConfig } from './render.js';
import { checkRunning, type RunningCheck } from './running-objects.js';
import { applyUpdate } from './update-config.js';
import { chunkSteps, planChanges, planReplaceOwned, PlanError, rawSteps, updateConfigHeaders, type ObjectLines, type Plan } from './update-plan.js';
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
  /** Private directory (relative to Asterisk's config directory) for backup and staging copies. @default 'srw' */
  stagingDir?: string;
  /**
   * Called with the plan (diffs, steps) once every file is read and checked, before anything is
   * written; false stops the apply with nothing changed (the CLI's confirmation on a terminal).
   */
  confirm?: (plan: ApplyResult) => boolean | Promise<boolean>;
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
  /** UpdateConfig messages that build its staging copy (each ≤ 128 header lines). */
  messages: number;
  /** UpdateConfig + reload + check done for this file. */
  applied: boolean;
  /** Changes res_pjsip cannot take on reload (transports): they need an Asterisk restart. */
  needsRestart: string[];
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
  /** Written but not in effect until Asterisk restarts (a transport's bind, protocol…). */
  needsRestart: string[];
  /** What the apply cost on the wire (the benchmark's figures). */
  traffic: Traffic;
  /** The confirmation was refused: nothing was written. */
  declined?: boolean;
};

export type Traffic = { actions: number; bytesSent: number; bytesReceived: number; updateConfigs: number };

export class ApplyError extends Error {
  constructor(
    message: string,
    readonly result: ApplyResult,
    /** true: every live file is as it was (never touched, or restored); false: check by hand. */
    readonly restored: boolean,
    /** false: the failure came before any live file was written. */
    readonly liveTouched: boolean,
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

/** The private directory for backup and staging copies is missing: nothing was changed. */
export class StagingDirError extends Error {
  constructor(readonly dir: string) {
    super(
      `the PBX has no private directory ${dir}/ in its config directory for srw's backup and staging copies (they hold every SIP password, ` +
        `and a file AMI creates is world-readable); create it once on the PBX: install -d -m 0700 -o asterisk -g asterisk /etc/asterisk/${dir}; nothing was changed`,
    );
    this.name = 'StagingDirError';
  }
}

export const STAGING_DIR = 'srw';

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
 * extensions.conf: the contexts srw renders — [internal] (every phone starts there), one
 * [from-trunk-<name>] per trunk and the call flows' [srw-*]; a [from-trunk-*] whose trunk left
 * the inventory, or an [srw-*] whose menu, group, queue or schedule did, is removed.
 * [general] (static, writeprotect, autofallthrough…) and [globals] shape how pbx_config treats
 * every context, the admin's too, and hand-written contexts ([lab], [ivr]…) are the admin's:
 * none of them is touched.
 */
export const ownsDialplan = (c: ConfigCategory): boolean => c.name === INTERNAL_CONTEXT || c.name.startsWith(TRUNK_PREFIX) || ownsCallFlowContext(c);
/**
 * voicemail.conf: only the [default] context (the boxes). [general] stays the admin's: on an
 * existing PBX it carries what the inventory cannot describe yet (serveremail, attach, e-mail
 * templates); srw's recommended [general] is written only into a voicemail.conf apply creates.
 */
export const ownsVoicemail = (c: ConfigCategory): boolean => c.name === VOICEMAIL_CONTEXT;

const DIALPLAN_OBJECTS = new Set(['exten', 'same', 'include', 'switch', 'ignorepat']);
const dialplanObjects: ObjectLines = (cat, key) => cat.name !== 'general' && cat.name !== 'globals' && DIALPLAN_OBJECTS.has(key);
const voicemailObjects: ObjectLines = (cat) => cat.name !== 'general' && cat.name !== 'zonemessages';
/** queues.conf is written `key = value` as render writes it; Append keeps repeated `member` lines (ast_variable_append). */
const queueObjects: ObjectLines = () => false;
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
  /** res_pjsip's objects can be read back with the admin user's rights; the dialplan and mailboxes cannot. */
  running: boolean;
  /** What srw renders and owns may depend on the file found (pjsip.conf's [global]). */
  adapt?: (current: readonly ConfigCategory[]) => { desired: ConfigCategory[]; owns: (c: ConfigCategory) => boolean };
  /**
   * The inventory renders nothing into this file (queues.conf without call flows): it is left
   * out of the apply unless the PBX's copy still holds something srw owns, which is removed.
   */
  optional?: boolean;
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
    running: true,
    // srw's [global] goes only into a pjsip.conf without one; an existing [global] is the admin's.
    adapt(current) {
      if (current.some((c) => typeOf(c) === 'global')) return { desired: desired.filter((c) => c !== GLOBAL_CATEGORY), owns: isManaged };
      return { desired, owns: (c) => isManaged(c) || typeOf(c) === 'global' };
    },
  };
}

function ownedSpec(file: string, module: string, text: string, owns: (c: ConfigCategory) => boolean, secrets: SecretPart, object: ObjectLines): FileSpec {
  const whole = parseConfText(text);
  return { file, module, desired: whole.filter(owns), whole, owns, plan: (cur, want, o) => planReplaceOwned(cur, want, o, object), secrets, object, running: false };
}

/** Counts what crosses the wire, for the result and the benchmark. */
function metered(ami: AmiSession, traffic: Traffic): AmiSession {
  const size = (headers: readonly Header[]) => headers.reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 4, 2);
  return {
    async action(headers, opts) {
      traffic.actions++;
      traffic.bytesSent += size([...headers, ['ActionID', 'srw-000000-1-1']]);
      if (headers[0]?.[1] === 'UpdateConfig') traffic.updateConfigs++;
      const r = await ami.action(headers, opts);
      traffic.bytesReceived += size(r.response.headers) + r.events.reduce((n, e) => n + size(e.headers), 0);
      return r;
    },
    close: () => ami.close(),
  };
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
  try {
    await ami.action([['Action', 'Reload'], ['Module', module]]);
  } catch (e) {
    // app_queue declines to load while queues.conf is missing, and a module that is not loaded
    // cannot be reloaded (queues-reload-module-not-loaded.txt: `No such module`). Once apply
    // has written queues.conf, ModuleLoad (write=system) starts it.
    if (module !== QUEUE_MODULE || !(e instanceof Error) || !/No such module/i.test(e.message)) throw e;
    await ami.action([['Action', 'ModuleLoad'], ['Module', module], ['LoadType', 'load']]);
  }
}

/** A zero-action UpdateConfig: Asterisk loads `src` and saves it as `dst` (a faithful copy, updateconfig-copy-*.txt). */
async function copyFile(ami: AmiSession, src: string, dst: string, timeoutMs: number): Promise<void> {
  await ami.action(updateConfigHeaders(src, dst, []), { timeoutMs });
}

/**
 * CreateConfig, where an existing file is fine (`File exists`: it is reused, and UpdateConfig
 * overwrites all of it). A missing private directory answers strerror(ENOENT).
 */
async function ensureFile(ami: AmiSession, name: string, dir: string): Promise<void> {
  try {
    await ami.action([['Action', 'CreateConfig'], ['Filename', name]]);
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    if (/File exists/.test(m)) return;
    if (/No such file or directory/.test(m)) throw new StagingDirError(dir);
    throw e;
  }
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

/** Options of a transport res_pjsip never reloads (res_pjsip/config_transport.c, pjsip-reload-bad-object.txt). */
const FIXED_TRANSPORT_OPTIONS = ['protocol', 'bind', 'local_net', 'external_signaling_address', 'external_media_address', 'method', 'cipher', 'verify_client', 'verify_server', 'require_client_cert', 'tos', 'cos'];

/** A changed existing transport whose fixed options differ: it takes effect only after a restart. */
function restartNeeded(current: readonly ConfigCategory[], plan: Plan): string[] {
  const out: string[] = [];
  for (const c of plan.created) {
    if (typeOf(c) !== 'transport') continue;
    const old = current.find((o) => o.name === c.name && typeOf(o) === 'transport');
    if (!old) continue;
    const get = (cat: ConfigCategory, k: string) => cat.lines.findLast(([n]) => n === k)?.[1];
    const changed = FIXED_TRANSPORT_OPTIONS.filter((k) => get(old, k) !== get(c, k)).map((k) => `${k} ${get(old, k) ?? '(unset)'} → ${get(c, k) ?? '(unset)'}`);
    if (changed.length) out.push(`transport ${c.name}: ${changed.join(', ')}`);
  }
  return out;
}

type FileRun = {
  spec: FileSpec;
  missing: boolean;
  /** The live file as read at the start (GetConfig). */
  saved: ConfigCategory[];
  /** The whole file once staged: what the live file must equal after the swap. */
  staged: ConfigCategory[];
  desired: ConfigCategory[];
  owns: (c: ConfigCategory) => boolean;
  plan: Plan;
  chunks: ReturnType<typeof chunkSteps>;
  backup: string;
  staging: string;
  result: FileResult;
};

function combine(runs: readonly FileRun[], traffic: Traffic): ApplyResult {
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
    needsRestart: runs.flatMap((r) => r.result.needsRestart),
    traffic,
  };
}

/** One line per transport: the plan's "old → new" says more than the running check's "file/running". */
const sameTransport = (lines: readonly string[], line: string) => lines.some((l) => l.split(':')[0] === line.split(':')[0]);

/**
 * The plan says a restart is needed when the file's transport changes; what res_pjsip runs
 * decides. A transport read back as the file has it needs none (e.g. moved back to the port it
 * still runs on), one that differs does; one that could not be read keeps the plan's word.
 */
function settleRestarts(claims: readonly string[], check: RunningCheck): string[] {
  const read = new Set(check.transports.map((n) => `transport ${n}`));
  const out = claims.filter((n) => !read.has(n.split(':')[0]!) || sameTransport(check.needsRestart, n));
  for (const n of check.needsRestart) if (!sameTransport(out, n)) out.push(n);
  return out;
}
const listNames = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Plans one file and proves the plan on what was read, with Asterisk's own UpdateConfig rules. */
function planFile(spec: FileSpec, got: ConfigCategory[] | 'missing', dir: string): FileRun {
  const missing = got === 'missing';
  const saved = missing ? [] : got;
  const adapted = spec.adapt?.(saved);
  const owns = missing ? () => true : (adapted?.owns ?? spec.owns);
  const desired = missing ? spec.whole : (adapted?.desired ?? spec.desired);
  const plan = spec.plan(saved, desired, owns);
  const chunks = chunkSteps(plan.steps);
  // The plan, run on what GetConfig returned, must give exactly the file srw wants: the owned
  // categories as rendered and every other category untouched, in place.
  const r = applyUpdate(saved, rawSteps(plan.steps));
  if (!r.ok) throw new PlanError(`${spec.file}: the change would fail on the PBX (${r.message}); nothing was changed`);
  const staged = r.categories;
  const keep = (cats: readonly ConfigCategory[]) => cats.filter((c) => !owns(c));
  if (!sameConfig(staged.filter(owns), desired) || !identicalConfig(keep(staged), keep(saved))) {
    throw new PlanError(`${spec.file}: srw cannot express this change with UpdateConfig (a category it would touch shares its name with one it does not own); nothing was changed`);
  }
  const mine = saved.filter(owns);
  return {
    spec,
    missing,
    saved,
    staged,
    desired,
    owns,
    plan,
    chunks,
    backup: `${dir}/${spec.file}.backup`,
    staging: `${dir}/${spec.file}.staging`,
    result: {
      file: spec.file,
      module: spec.module,
      diff: configDiff(mine, desired, spec.file, spec.secrets),
      steps: plan.steps.length,
      messages: chunks.length,
      ...summarize(mine, desired, plan),
      created: missing,
      applied: false,
      needsRestart: restartNeeded(saved, plan),
    },
  };
}

async function run(specs: readonly FileSpec[], opts: ApplyOptions): Promise<ApplyResult> {
  const say = opts.progress ?? (() => {});
  const dir = opts.stagingDir ?? STAGING_DIR;
  const timeoutMs = opts.updateTimeoutMs ?? 30_000;
  const traffic: Traffic = { actions: 0, bytesSent: 0, bytesReceived: 0, updateConfigs: 0 };
  const connect = async () => metered(await opts.connect(), traffic);
  let ami = await connect();
  try {
    // 1. Read every file and prove every plan before changing any: the dry run shows all diffs,
    // and a file srw cannot address stops the apply with nothing written.
    const runs: FileRun[] = [];
    for (const spec of specs) {
      const r = planFile(spec, await getConfig(ami, spec.file), dir);
      if (spec.optional && r.plan.steps.length === 0) continue;
      runs.push(r);
    }
    const todo = runs.filter((r) => r.plan.steps.length > 0);
    if (todo.length === 0 || opts.dryRun) {
      // The running transports against the file-to-be: one written earlier may still wait for a
      // restart (also when nothing changes), and a change back to what runs needs none. (An
      // apply settles this after its swap, from what res_pjsip then runs.)
      const pj = runs.find((r) => r.spec.running);
      if (pj && !pj.missing) {
        const transports = pj.staged.filter((c) => typeOf(c) === 'transport' && pj.owns(c));
        const check = transports.length ? await checkRunning(ami, pj.staged, transports, []).catch(() => undefined) : undefined;
        if (check) pj.result.needsRestart = settleRestarts(pj.result.needsRestart, check);
      }
      return combine(runs, traffic);
    }
    const result = combine(runs, traffic);
    if (opts.confirm && !(await opts.confirm(result))) return { ...result, declined: true };

    // 2-3. Private copies: backup of each live file, then the new file built in staging. Live
    // files are not written here (except creating a missing one, empty), so a failure leaves them as they were.
    try {
      for (const r of todo) {
        await ensureFile(ami, r.backup, dir);
        await ensureFile(ami, r.staging, dir);
        if (r.missing) await ami.action([['Action', 'CreateConfig'], ['Filename', r.spec.file]]);
        say(`backup ${r.spec.file} → ${r.backup}`);
        await copyFile(ami, r.spec.file, r.backup, timeoutMs);
        const back = await getConfig(ami, r.backup);
        if (back === 'missing' || !identicalConfig(back, r.saved)) throw new Error(`the backup copy ${r.backup} does not match ${r.spec.file}`);
        say(`stage ${r.spec.file} in ${r.staging}: ${r.plan.steps.length} steps in ${r.chunks.length} UpdateConfig message${r.chunks.length === 1 ? '' : 's'}`);
        for (const [i, chunk] of r.chunks.entries()) await ami.action(updateConfigHeaders(i === 0 ? r.spec.file : r.staging, r.staging, chunk), { timeoutMs });
        const staged = await getConfig(ami, r.staging);
        if (staged === 'missing' || !identicalConfig(staged, r.staged)) throw new Error(`the staged ${r.staging} is not what srw planned`);
      }
      // Nobody may have changed a live file since it was read: its backup would be stale.
      for (const r of todo) {
        const now = await getConfig(ami, r.spec.file);
        if (now === 'missing' ? r.saved.length > 0 : !identicalConfig(now, r.saved)) throw new Error(`${r.spec.file} changed on the PBX while srw was staging; run apply again`);
      }
    } catch (e) {
      if (e instanceof StagingDirError) throw e;
      throw new ApplyError(`apply failed before any live file was written: ${why(e)}; nothing was changed on the PBX`, result, true, false);
    }

    // 4. Swap each file in one action, reload, read back, compare the running objects.
    const swapped: FileRun[] = [];
    try {
      for (const r of todo) {
        const { file, module } = r.spec;
        swapped.push(r);
        say(`${file}: replace with ${r.staging} (one UpdateConfig), Reload ${module}`);
        await copyFile(ami, r.staging, file, timeoutMs);
        await reload(ami, module);
        const after = await getConfig(ami, file);
        if (after === 'missing' || !identicalConfig(after, r.staged)) throw new Error(`${file} on the PBX is not the staged file after the copy`);
        if (r.spec.running) {
          const check = await checkRunning(ami, r.staged, r.plan.created, r.plan.removed);
          result.verified.push(...check.endpoints);
          if (check.notTaken.length) throw new Error(`Asterisk did not take the change: ${check.notTaken.join('; ')}`);
          r.result.needsRestart = settleRestarts(r.result.needsRestart, check);
          say(`verified ${check.endpoints.length} endpoint${check.endpoints.length === 1 ? '' : 's'} as res_pjsip runs them`);
        }
        r.result.applied = true;
      }
      result.applied = true;
      result.needsRestart = runs.flatMap((r) => r.result.needsRestart);
      return result;
    } catch (e) {
      // 5. Put back exactly the files that were swapped, newest first, each from its backup in one action.
      say(`failed: ${why(e)}; restoring ${listNames(swapped.map((t) => t.spec.file))}`);
      const back: FileRun[] = [];
      const lost: string[] = [];
      const untouched: FileRun[] = [];
      for (const t of [...swapped].reverse()) {
        try {
          ami = await usable(ami, connect);
          // A swap Asterisk refused leaves the file as it was (updateconfig-save-failed.txt): a
          // restore would fail the same way and cry RESTORE FAILED over an unchanged file.
          const live = await getConfig(ami, t.spec.file);
          if (identicalConfig(live === 'missing' ? [] : live, t.saved)) {
            untouched.push(t);
            continue;
          }
          const problem = await restore(ami, t, timeoutMs);
          if (problem) lost.push(`${t.spec.file} (${problem})`);
          else back.push(t);
        } catch (r) {
          lost.push(`${t.spec.file} (${why(r)})`);
        }
      }
      back.reverse();
      const kept = untouched.length ? `${listNames(untouched.map((u) => u.spec.file))} ${untouched.length === 1 ? 'was' : 'were'} not changed (Asterisk did not replace ${untouched.length === 1 ? 'it' : 'them'})` : '';
      const restored = back.length
        ? `the previous ${listNames(back.map((b) => b.spec.file))} ${back.length === 1 ? 'was' : 'were'} restored from ${dir}/ and ${listNames(back.map((b) => b.spec.module))} reloaded`
        : '';
      const ok = [kept, restored].filter(Boolean).join('; ');
      const tail = lost.length ? `RESTORE FAILED for ${listNames(lost)}: the previous file is in ${dir}/<file>.backup on the PBX${ok ? `; ${ok}` : ''}` : ok;
      throw new ApplyError(`apply failed: ${why(e)}; ${tail}`, result, lost.length === 0, true);
    }
  } finally {
    await ami.close().catch(() => undefined);
  }
}

/**
 * Brings pjsip.conf, voicemail.conf, queues.conf and extensions.conf to `renderPbxConfig`'s
 * output (the same text `srw voip render` writes). queues.conf goes before extensions.conf,
 * whose call flows name its queues; without call flows in the inventory its [srw-*] queues are
 * removed and a missing queues.conf stays missing. Throws ConfigValueError (nothing sent) for a
 * value that would break a file, PlanError for a PBX file it cannot address, ApplyError after a
 * failed change.
 */
export async function applyPbxConfig(inventory: Inventory, secret: SecretLookup, opts: ApplyOptions & { now?: Date }): Promise<ApplyResult> {
  const pbx = inventory.pbx;
  if (!pbx) throw new Error('the inventory has no pbx section');
  const rendered = renderPbxConfig(inventory, { secret, now: opts.now });
  return run(
    [
      pjsipSpec(pbx, secret, opts.file),
      ownedSpec('voicemail.conf', VOICEMAIL_MODULE, rendered['voicemail.conf'], ownsVoicemail, mailboxSecrets, voicemailObjects),
      { ...ownedSpec('queues.conf', QUEUE_MODULE, rendered['queues.conf'] ?? '', ownsQueue, noSecrets, queueObjects), optional: rendered['queues.conf'] === undefined },
      ownedSpec('extensions.conf', DIALPLAN_MODULE, rendered['extensions.conf'], ownsDialplan, noSecrets, dialplanObjects),
    ],
    opts,
  );
}

/** pjsip.conf only (the benchmark's figure, and a PBX whose dialplan is managed elsewhere). */
export async function applyPjsip(pbx: Pbx, secret: SecretLookup, opts: ApplyOptions): Promise<ApplyResult> {
  return run([pjsipSpec(pbx, secret, opts.file)], opts);
}

/** The session if it still answers, otherwise a fresh one (the connection may be what failed). */
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
 * The backup back over the live file in one action, the module reloaded, and then the proof: the
 * file as it was, and (pjsip.conf) the objects the apply touched running as before, those it
 * added gone. Returns what is still wrong, or undefined.
 */
async function restore(ami: AmiSession, t: FileRun, timeoutMs: number): Promise<string | undefined> {
  await copyFile(ami, t.backup, t.spec.file, timeoutMs);
  await reload(ami, t.spec.module);
  const now = await getConfig(ami, t.spec.file);
  if (!identicalConfig(now === 'missing' ? [] : now, t.saved)) return 'the file does not match its backup after the copy';
  if (!t.spec.running) return undefined;
  const key = (c: ConfigCategory) => `${typeOf(c)}/${c.name}`;
  const before = new Set(t.saved.map(key));
  const check: RunningCheck = await checkRunning(ami, t.saved, t.plan.removed, t.plan.created.filter((c) => !before.has(key(c))));
  return check.notTaken.length ? `file restored, but ${check.notTaken.join('; ')}` : undefined;
}
