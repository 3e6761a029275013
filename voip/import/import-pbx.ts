// `srw voip import-pbx` without the printing: read the PBX (pbx-config.ts), find its extensions
// (found-extensions.ts), compare them with the inventory, and write what is new — passwords and
// PINs into pbx.secretsFile first (0600, under its lock), then the inventory (the yaml Document
// API splice of `ext add`, under the inventory's lock, atomically). An extension the inventory
// already has with another name, mailbox or password is a conflict: nothing at all is written
// unless `force`, which replaces those entries.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseInventory, resolveSecret, writeFileAtomic, type Extension, type LoadedInventory, type Problem, type Result } from '../../infra/inventory/index.js';
import { addExtensions, removeExtension, type ExtensionInput } from '../extensions/edit.js';
import { withFileLock } from '../extensions/edit-lock.js';
import { pinKey, readSecrets, secretKey, secretsPath, updateSecrets, withSecret } from '../extensions/secrets-file.js';
import type { FoundExtension, FoundPbx } from './found-extensions.js';

export type Conflict = { number: string; inventoryName: string; pbxName: string; fields: string[] };

export type ImportPlan = {
  /** New to the inventory. */
  add: FoundExtension[];
  /** In the inventory with another name, mailbox, password or pjsip objects. */
  conflicts: Conflict[];
  replace: FoundExtension[];
  /** Already in the inventory exactly as on the PBX. */
  unchanged: string[];
  problems: Problem[];
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The inventory's current password/PIN of an extension, or undefined when it cannot be read. */
function currentSecret(loaded: LoadedInventory, ext: Extension, index: number, kind: 'sip' | 'vm', file: Map<string, string>): string | undefined {
  const ref = kind === 'sip' ? ext.secret : ext.voicemailPin;
  if (ref) {
    const r = resolveSecret(ref, { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'extensions', index, kind === 'sip' ? 'secret' : 'voicemailPin'] });
    return r.ok ? r.value.reveal() : undefined;
  }
  return file.get(kind === 'sip' ? secretKey(ext.number) : pinKey(ext.number));
}

export function planImport(found: FoundPbx, loaded: LoadedInventory): ImportPlan {
  const pbx = loaded.inventory.pbx!;
  const secrets = readSecrets(secretsPath(pbx, loaded.baseDir), pbx.secretsFile).values;
  const plan: ImportPlan = { add: [], conflicts: [], replace: [], unchanged: [], problems: [...found.problems] };
  for (const f of found.extensions) {
    const index = pbx.extensions.findIndex((e) => e.number === f.number);
    const e = pbx.extensions[index];
    if (!e) {
      plan.add.push(f);
      continue;
    }
    const fields: string[] = [];
    if (e.name !== f.name) fields.push('name');
    if (e.voicemail !== f.voicemail) fields.push('voicemail box');
    else if (f.pin && currentSecret(loaded, e, index, 'vm', secrets) !== f.pin.reveal()) fields.push('voicemail PIN');
    if (currentSecret(loaded, e, index, 'sip', secrets) !== f.password.reveal()) fields.push('password');
    if (f.department !== undefined && e.department !== f.department) fields.push('department');
    if (!sameJson(e.pjsip, f.pjsip)) fields.push('pjsip objects');
    if (fields.length === 0) plan.unchanged.push(f.number);
    else {
      plan.conflicts.push({ number: f.number, inventoryName: e.name, pbxName: f.name, fields });
      plan.replace.push(f);
    }
  }
  return plan;
}

export type ImportWritten = { added: string[]; replaced: string[]; secretsFile?: string };

const input = (f: FoundExtension): ExtensionInput => ({ number: f.number, name: f.name, voicemail: f.voicemail, ...(f.department ? { department: f.department } : {}), ...(f.pjsip ? { pjsip: f.pjsip } : {}) });

/**
 * Writes the plan: refused (nothing written) when it has conflicts and `force` is not set. The
 * inventory is re-read under its lock and every edit is validated as a whole before anything
 * is written; the secrets go first, so an inventory entry never lacks its password.
 */
export function writeImport(file: string, plan: ImportPlan, opts: { force: boolean }): Result<ImportWritten> {
  if (plan.conflicts.length > 0 && !opts.force) {
    return {
      ok: false,
      problems: plan.conflicts.map((c) => ({ code: 'duplicate', message: `extension ${c.number} is in the inventory as "${c.inventoryName}" and differs on the PBX ("${c.pbxName}") in ${c.fields.join(', ')}; nothing was written (--force replaces it with the PBX's)`, file, path: ['pbx', 'extensions'] })),
    };
  }
  const all = [...plan.add, ...(opts.force ? plan.replace : [])];
  if (all.length === 0) return { ok: true, value: { added: [], replaced: [] } };
  return withFileLock(file, () => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { ok: false, problems: [{ code: 'file', message: `cannot read the inventory (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file, path: [] }] };
    }
    const replaced = opts.force ? plan.replace.map((f) => f.number) : [];
    for (const n of replaced) {
      const r = removeExtension(text, file, n);
      if (!r.ok) return r;
      text = r.value;
    }
    const next = addExtensions(text, file, all.map(input));
    if (!next.ok) return next;
    const inv = parseInventory(next.value, file);
    if (!inv.ok || !inv.value.pbx) return { ok: false, problems: inv.ok ? [] : inv.problems };
    const pbx = inv.value.pbx;
    const path = secretsPath(pbx, dirname(resolve(file)));
    updateSecrets(path, pbx.secretsFile, (current) => {
      let s = current.text;
      for (const f of all) {
        s = withSecret(s, secretKey(f.number), f.password.reveal());
        if (f.pin) s = withSecret(s, pinKey(f.number), f.pin.reveal());
      }
      return s;
    });
    writeFileAtomic(file, next.value);
    return { ok: true, value: { added: plan.add.map((f) => f.number), replaced, secretsFile: path } };
  });
}
