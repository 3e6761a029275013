// Runs an extension edit end to end: read the inventory, edit the text (edit.ts), generate SIP
// secrets for new extensions and voicemail PINs for new mailboxes, and write the secrets file
// (0600) and the inventory atomically. Order matters for "never lose data": on add (and on
// `set --voicemail`) the secrets are written before the inventory that needs them; on remove the
// inventory goes first and the secret lines after. A crash between the two leaves at worst an
// unused secret line, never an extension without its password or a mailbox without its PIN.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseInventory, writeFileAtomic, type Problem, type Result } from '../../infra/inventory/index.js';
import { parseExtensionsCsv } from './csv-import.js';
import { decodeCsvBytes } from './csv-text.js';
import { addExtensions as addToText, removeExtension, setExtension, type ExtensionInput, type ExtensionPatch } from './edit.js';
import { withFileLock } from './edit-lock.js';
import { generateSipSecret, pinKey, secretKey, secretsPath, updateSecrets, withoutSecret, withSecret } from './secrets-file.js';
import { generateVoicemailPin } from './voicemail-pin.js';

export type EditReport = {
  /** Extensions whose SIP password srw generated, with the value (print only on --show-secret). */
  generated: { number: string; secret: string }[];
  /** Mailboxes whose voicemail PIN srw generated, with the value (print only on --show-secret). */
  generatedPins: { number: string; pin: string }[];
  /** Absolute path of the secrets file written (when passwords or PINs were generated). */
  secretsFile?: string;
  changed: string[];
  warnings: Problem[];
};

type Loaded = { text: string; baseDir: string };

const MAX_CSV_BYTES = 8 * 1024 * 1024;

function read(file: string): Result<Loaded> {
  try {
    return { ok: true, value: { text: readFileSync(file, 'utf8'), baseDir: dirname(resolve(file)) } };
  } catch (e) {
    return { ok: false, problems: [{ code: 'file', message: `cannot read the inventory (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file, path: [] }] };
  }
}

function pbxOf(text: string, file: string) {
  const inv = parseInventory(text, file);
  return inv.ok ? inv.value.pbx : undefined;
}

/** Adds extensions (one from `ext add`, many from `ext import`); all or nothing. */
export function addExtensions(file: string, inputs: ExtensionInput[]): Result<EditReport> {
  return withFileLock(file, () => addLocked(file, inputs));
}

function addLocked(file: string, inputs: ExtensionInput[]): Result<EditReport> {
  const r = read(file);
  if (!r.ok) return r;
  const next = addToText(r.value.text, file, inputs);
  if (!next.ok) return next;
  const text = next.value;
  const pbx = pbxOf(text, file)!;
  const generated = inputs.filter((i) => !i.secret).map((i) => ({ number: i.number, secret: generateSipSecret() }));
  const generatedPins = inputs.filter((i) => i.voicemail).map((i) => ({ number: i.number, pin: generateVoicemailPin(i.number) }));
  const warnings: Problem[] = [];
  let secretsFile: string | undefined;
  if (generated.length > 0 || generatedPins.length > 0) {
    const path = secretsPath(pbx, r.value.baseDir);
    updateSecrets(path, pbx.secretsFile, (current) => {
      warnings.push(...current.warnings);
      let s = current.text;
      // A leftover line from a removed extension is replaced, never reused: the old phone (or the
      // old owner of the mailbox) may still know it.
      for (const g of generated) s = withSecret(s, secretKey(g.number), g.secret);
      for (const g of generatedPins) s = withSecret(s, pinKey(g.number), g.pin);
      return s;
    });
    secretsFile = path;
  }
  writeFileAtomic(file, text);
  return { ok: true, value: { generated, generatedPins, ...(secretsFile ? { secretsFile } : {}), changed: inputs.map((i) => i.number), warnings } };
}

export function importExtensionsCsv(file: string, csvFile: string): Result<EditReport> {
  const r = read(file);
  if (!r.ok) return r;
  const inv = parseInventory(r.value.text, file);
  if (!inv.ok) return inv;
  if (!inv.value.pbx) return { ok: false, problems: [{ code: 'edit', message: 'the inventory has no pbx section', file, path: ['pbx'] }] };
  let csv: ReturnType<typeof decodeCsvBytes>;
  try {
    // A staff list is kilobytes; /dev/zero or a mistaken multi-gigabyte file must not be read.
    const st = statSync(csvFile);
    if (!st.isFile() || st.size > MAX_CSV_BYTES)
      return { ok: false, problems: [{ code: 'file', message: st.isFile() ? `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB, expected a CSV list of extensions` : 'is not a regular file, expected a CSV file', file: csvFile, path: [] }] };
    csv = decodeCsvBytes(readFileSync(csvFile));
  } catch (e) {
    return { ok: false, problems: [{ code: 'file', message: `cannot read the CSV file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file: csvFile, path: [] }] };
  }
  const rows = parseExtensionsCsv(csv.text, csvFile, inv.value.pbx);
  if (!rows.ok) return rows;
  const added = addExtensions(file, rows.value.map((row) => row.input));
  if (!added.ok || csv.encoding === 'utf-8') return added;
  const note: Problem = { code: 'file', severity: 'warning', message: 'not UTF-8: read as Windows-1250 (what Excel saves as "CSV" on Polish Windows); check the names with `srw voip ext list`', file: csvFile, path: [] };
  return { ok: true, value: { ...added.value, warnings: [...added.value.warnings, note] } };
}

export function updateExtension(file: string, number: string, patch: ExtensionPatch): Result<EditReport> {
  return withFileLock(file, () => updateLocked(file, number, patch));
}

function updateLocked(file: string, number: string, patch: ExtensionPatch): Result<EditReport> {
  const r = read(file);
  if (!r.ok) return r;
  const next = setExtension(r.value.text, file, number, patch);
  if (!next.ok) return next;
  const pbx = pbxOf(next.value, file)!;
  const ext = pbx.extensions.find((e) => e.number === number)!;
  const generatedPins: EditReport['generatedPins'] = [];
  const warnings: Problem[] = [];
  let secretsFile: string | undefined;
  if (ext.voicemail && !ext.voicemailPin) {
    // A PIN kept from an earlier `--no-voicemail` is the owner's: keep it rather than surprise them.
    const path = secretsPath(pbx, r.value.baseDir);
    updateSecrets(path, pbx.secretsFile, (current) => {
      warnings.push(...current.warnings);
      if (current.values.get(pinKey(number))) return undefined;
      const pin = generateVoicemailPin(number);
      generatedPins.push({ number, pin });
      secretsFile = path;
      return withSecret(current.text, pinKey(number), pin);
    });
  }
  const edited = next.value !== r.value.text;
  if (edited) writeFileAtomic(file, next.value);
  // Asking for what is already there changes nothing, and says so.
  const changed = edited || generatedPins.length > 0 ? [number] : [];
  return { ok: true, value: { generated: [], generatedPins, ...(secretsFile ? { secretsFile } : {}), changed, warnings } };
}

export function deleteExtension(file: string, number: string): Result<EditReport> {
  return withFileLock(file, () => deleteLocked(file, number));
}

function deleteLocked(file: string, number: string): Result<EditReport> {
  const r = read(file);
  if (!r.ok) return r;
  const next = removeExtension(r.value.text, file, number);
  if (!next.ok) return next;
  const pbx = pbxOf(next.value, file)!;
  writeFileAtomic(file, next.value);
  const path = secretsPath(pbx, r.value.baseDir);
  const warnings: Problem[] = [];
  if (existsSync(path))
    updateSecrets(path, pbx.secretsFile, (current) => {
      warnings.push(...current.warnings);
      const keys = [secretKey(number), pinKey(number)].filter((k) => current.values.has(k));
      return keys.length > 0 ? keys.reduce(withoutSecret, current.text) : undefined;
    });
  return { ok: true, value: { generated: [], generatedPins: [], changed: [number], warnings } };
}
