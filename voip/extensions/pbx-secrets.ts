// Resolves every secret renderPbxConfig asks for, for the commands that need real values
// (`voip render`, `voip apply`). Extensions without a `secret` reference use the generated
// password under sip_<number> in pbx.secretsFile, voicemail boxes without a `voicemailPin`
// reference the generated PIN under vm_<number>; with `generateMissing`, a missing one is
// created there (0600) — the only write this module does.
import type { LoadedInventory, Problem, Result } from '../../infra/inventory/index.js';
import { resolveSecret } from '../../infra/inventory/index.js';
import { generateSipSecret, pinKey, readSecrets, secretKey, secretsPath, withSecret, writeSecrets } from './secrets-file.js';
import { generateVoicemailPin, pinProblem } from './voicemail-pin.js';
import { withFileLock } from './edit-lock.js';

export type PbxSecrets = {
  /** id → value; ids as renderPbxConfig uses them. */
  values: Map<string, string>;
  /** Extensions whose password was generated just now. */
  generated: string[];
  /** Voicemail boxes whose PIN was generated just now. */
  generatedPins: string[];
  warnings: Problem[];
};

export function lookupOf(secrets: PbxSecrets): (id: string) => string {
  return (id) => {
    const v = secrets.values.get(id);
    if (v === undefined) throw new Error(`no secret resolved for ${id}`);
    return v;
  };
}

type ResolveOptions = { generateMissing: boolean; /** Generate in memory only (dry runs). */ keepInMemory?: boolean; env?: NodeJS.ProcessEnv };

export function resolvePbxSecrets(loaded: LoadedInventory, opts: ResolveOptions): Result<PbxSecrets> {
  const pbx = loaded.inventory.pbx;
  // Generating writes the secrets file: hold its lock from the read to the write (edit-lock.ts).
  if (!pbx || !opts.generateMissing || opts.keepInMemory) return resolveAll(loaded, opts);
  return withFileLock(secretsPath(pbx, loaded.baseDir), () => resolveAll(loaded, opts), { createDir: true });
}

function resolveAll(loaded: LoadedInventory, opts: ResolveOptions): Result<PbxSecrets> {
  const pbx = loaded.inventory.pbx;
  if (!pbx) return { ok: false, problems: [{ code: 'reference', message: 'the inventory has no pbx section', file: loaded.file, path: ['pbx'] }] };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const values = new Map<string, string>();
  const ctx = (path: (string | number)[]) => ({ baseDir: loaded.baseDir, file: loaded.file, path, ...(opts.env ? { env: opts.env } : {}) });
  const take = (id: string, r: ReturnType<typeof resolveSecret>) => {
    if (!r.ok) problems.push(...r.problems);
    else {
      values.set(id, r.value.reveal());
      warnings.push(...(r.warnings ?? []));
    }
  };
  take('ami-monitor', resolveSecret(pbx.ami.monitor.secret, ctx(['pbx', 'ami', 'monitor', 'secret'])));
  if (pbx.ami.admin) take('ami-admin', resolveSecret(pbx.ami.admin.secret, ctx(['pbx', 'ami', 'admin', 'secret'])));
  pbx.trunks.forEach((t, i) => take(`trunk-${t.name}`, resolveSecret(t.secret, ctx(['pbx', 'trunks', i, 'secret']))));

  const path = secretsPath(pbx, loaded.baseDir);
  const file = readSecrets(path, pbx.secretsFile);
  warnings.push(...file.warnings);
  let text = file.text;
  const generated: string[] = [];
  pbx.extensions.forEach((e, i) => {
    if (e.secret) return take(`ext-${e.number}`, resolveSecret(e.secret, ctx(['pbx', 'extensions', i, 'secret'])));
    const v = file.values.get(secretKey(e.number));
    if (v) return values.set(`ext-${e.number}`, v);
    if (!opts.generateMissing) {
      problems.push({ code: 'secret', message: `no generated SIP password for extension ${e.number} (key ${secretKey(e.number)} in ${pbx.secretsFile}); run srw voip render to generate it`, file: loaded.file, path: ['pbx', 'extensions', i] });
      return;
    }
    const s = generateSipSecret();
    text = withSecret(text, secretKey(e.number), s);
    values.set(`ext-${e.number}`, s);
    generated.push(e.number);
  });
  const generatedPins: string[] = [];
  pbx.extensions.forEach((e, i) => {
    if (!e.voicemail) {
      // Accepted, not an error: switching voicemail off for a while must not force deleting the
      // PIN reference (and `ext set --no-voicemail` would be refused). Said once, never resolved.
      if (e.voicemailPin)
        warnings.push({ code: 'secret', severity: 'warning', message: `voicemailPin is set but voicemail is false: extension ${e.number} has no mailbox, the PIN is not used`, file: loaded.file, path: ['pbx', 'extensions', i, 'voicemailPin'] });
      return;
    }
    const id = `vm-${e.number}`;
    if (e.voicemailPin) {
      const at = ['pbx', 'extensions', i, 'voicemailPin'];
      const r = resolveSecret(e.voicemailPin, ctx(at));
      if (!r.ok) return void problems.push(...r.problems);
      const bad = pinProblem(r.value.reveal(), e.number);
      if (bad) return void problems.push({ code: 'secret', message: `voicemail PIN of extension ${e.number}: ${bad}`, file: loaded.file, path: at });
      warnings.push(...(r.warnings ?? []));
      return void values.set(id, r.value.reveal());
    }
    const v = file.values.get(pinKey(e.number));
    if (v !== undefined && v !== '') {
      const bad = pinProblem(v, e.number);
      if (bad) return void problems.push({ code: 'secret', message: `voicemail PIN of extension ${e.number} (key ${pinKey(e.number)} in ${pbx.secretsFile}): ${bad}`, file: loaded.file, path: ['pbx', 'extensions', i] });
      return void values.set(id, v);
    }
    if (!opts.generateMissing) {
      problems.push({ code: 'secret', message: `no generated voicemail PIN for extension ${e.number} (key ${pinKey(e.number)} in ${pbx.secretsFile}); run srw voip render to generate it`, file: loaded.file, path: ['pbx', 'extensions', i] });
      return;
    }
    const pin = generateVoicemailPin(e.number);
    text = withSecret(text, pinKey(e.number), pin);
    values.set(id, pin);
    generatedPins.push(e.number);
  });
  if (problems.length > 0) return { ok: false, problems };
  if ((generated.length > 0 || generatedPins.length > 0) && !opts.keepInMemory) writeSecrets(path, text);
  return { ok: true, value: { values, generated, generatedPins, warnings } };
}
