// pjsip.conf + voicemail.conf as GetConfig shows them → the extensions srw can take over, each
// with the problems that kept the others out. An extension is taken only if srw renders its
// objects and its mailbox line exactly as they are on the PBX (checked with the renderer itself,
// pjsip.ts), so `srw voip apply` after the import leaves it alone. Styles understood: srw's own
// objects, templates (GetConfig expands them: inherited lines first), endpoint/aor/auth sharing
// one name, auth and aor objects under other names. Not taken: wizards, md5 credentials, more
// than one aor or auth, options res_pjsip does not have, mailboxes with e-mail or options.
import { extensionSchema, Secret, type Extension, type ExtensionPjsip, type Pbx, type Problem } from '../../infra/inventory/index.js';
import { sameLines } from '../extensions/config-diff.js';
import { ConfigValueError, typeOf, type ConfigCategory } from '../extensions/config-file.js';
import { authName, callerIdName, extensionCategories, STANDARD_AOR_LINES, transportName } from '../extensions/pjsip.js';
export { callerIdName };
import { mailboxFullName, VOICEMAIL_CONTEXT } from '../extensions/voicemail.js';
import { pinProblem } from '../extensions/voicemail-pin.js';
import { detailName } from '../extensions/running-objects.js';
// Recorded from a real Asterisk 22.10.1 (write-system-pjsip-show-actions.txt): every option an
// endpoint, auth and aor has, by its detail name. Data, not simulator behaviour.
import { DETAIL_TEMPLATES } from '../lab/pjsip-detail-templates.js';
import type { FoundCategory, PbxConfig } from './pbx-config.js';

export type FoundExtension = {
  number: string;
  name: string;
  department?: string;
  voicemail: boolean;
  password: Secret;
  pin?: Secret;
  /** Absent when srw's standard objects are exactly what the PBX has. */
  pjsip?: ExtensionPjsip;
  /** `pjsip.conf [201] (Category-000004)`, for messages. */
  where: string;
};

export type FoundPbx = { extensions: FoundExtension[]; problems: Problem[] };

const PJSIP = 'pjsip.conf';
const VOICEMAIL = 'voicemail.conf';

/** Options (besides type) a res_pjsip object of this type has, from the recorded *Detail events. */
function knownOptions(type: 'endpoint' | 'auth' | 'aor'): Set<string> {
  // Case kept: `dtmfmode` (chan_sip's spelling) is DtmfMode only as `dtmf_mode`.
  const details = new Set((DETAIL_TEMPLATES[type] ?? []).map(([k]) => k));
  return new Set([...details, 'Type', ...(type === 'endpoint' ? ['Disallow'] : [])]);
}
const KNOWN = { endpoint: knownOptions('endpoint'), auth: knownOptions('auth'), aor: knownOptions('aor') };
const isKnown = (type: keyof typeof KNOWN, option: string) => KNOWN[type].has(detailName(option));

const at = (c: FoundCategory) => `[${c.name}] (${typeOf(c) || 'no type'}, Category-${String(c.index).padStart(6, '0')})`;
const lineAt = (c: FoundCategory, i: number) => `${at(c)} line ${i + 1}`;
const problem = (file: string, message: string, severity: Problem['severity'] = 'warning'): Problem => ({ code: 'schema', severity, message, file, path: [] });

const last = (c: FoundCategory, key: string) => c.lines.findLast(([k]) => k === key)?.[1];
const asLines = (c: FoundCategory) => c.lines.slice(1).map(([k, v]) => `${k}=${v}`);

type Mailbox = { pin: string; fullName: string; rest: string; where: string };

function mailboxes(voicemail: FoundCategory[] | undefined): Map<string, Mailbox> {
  const out = new Map<string, Mailbox>();
  for (const c of voicemail ?? []) {
    if (c.name !== VOICEMAIL_CONTEXT) continue;
    c.lines.forEach(([box, value], i) => {
      const [pin = '', fullName = '', ...rest] = value.split(',');
      out.set(box, { pin, fullName, rest: rest.join(','), where: `${VOICEMAIL} ${lineAt(c, i)}` });
    });
  }
  return out;
}

/** Reads every endpoint; returns what can be imported and one problem per item left out. */
export function foundExtensions(config: PbxConfig, pbx: Pbx): FoundPbx {
  const problems: Problem[] = [];
  const extensions: FoundExtension[] = [];
  const cats = config.pjsip;
  const ofType = (t: string) => cats.filter((c) => typeOf(c) === t);
  const find = (name: string, type: string) => cats.filter((c) => c.name === name && typeOf(c) === type);
  const boxes = mailboxes(config.voicemail);
  const usedBy = new Map<string, string>();

  for (const c of cats) {
    if (!typeOf(c)) problems.push(problem(PJSIP, `${at(c)}: no type= line; not imported`));
    else if (typeOf(c) === 'wizard')
      problems.push(problem(PJSIP, `${at(c)} field type: type=wizard is not imported (srw renders endpoint, auth and aor objects); write it as those three objects to import it`));
  }

  for (const ep of ofType('endpoint')) {
    const where = `${PJSIP} ${at(ep)}`;
    const skip = (message: string) => problems.push(problem(PJSIP, `${at(ep)}${message}; endpoint ${ep.name} not imported`));
    if (last(ep, 'outbound_auth') !== undefined && last(ep, 'auth') === undefined) {
      problems.push(problem(PJSIP, `${at(ep)}: has outbound_auth and no auth, a trunk rather than a phone; trunks are not imported`));
      continue;
    }
    if (!/^\d{2,6}$/.test(ep.name)) {
      skip(' field name: expected an extension number of 2 to 6 digits');
      continue;
    }
    if (find(ep.name, 'endpoint').length > 1) {
      skip(': the name is used by two endpoints');
      continue;
    }
    if (ep.lines[0]?.[0] !== 'type') {
      skip(' line 1: type= is not the first line (srw writes it first, so apply would rewrite the object)');
      continue;
    }
    const unknown = ep.lines.findIndex(([k]) => !isKnown('endpoint', k));
    if (unknown >= 0) {
      skip(` line ${unknown + 1} field ${ep.lines[unknown]![0]}: res_pjsip has no endpoint option "${ep.lines[unknown]![0]}"`);
      continue;
    }
    if (config.running && !config.running.has(ep.name)) {
      skip(': Asterisk does not run this endpoint (PJSIPShowEndpoints does not list it: res_pjsip refused its configuration, or it was added without a reload)');
      continue;
    }
    const authRef = last(ep, 'auth');
    const aorRef = last(ep, 'aors');
    if (!authRef || authRef.includes(',')) {
      skip(` field auth: ${authRef ? 'more than one auth' : 'no auth (a phone authenticated by address)'}; srw keeps one user name and password per extension`);
      continue;
    }
    if (!aorRef || aorRef.includes(',')) {
      skip(` field aors: ${aorRef ? 'more than one aor' : 'no aors'}; srw keeps one aor per extension`);
      continue;
    }
    const auths = find(authRef, 'auth');
    const aors = find(aorRef, 'aor');
    if (auths.length !== 1) {
      skip(` field auth: ${auths.length === 0 ? `no auth object named ${authRef}` : `${auths.length} auth objects named ${authRef}`}`);
      continue;
    }
    if (aors.length !== 1) {
      skip(` field aors: ${aors.length === 0 ? `no aor object named ${aorRef}` : `${aors.length} aor objects named ${aorRef}`}`);
      continue;
    }
    const auth = auths[0]!;
    const aor = aors[0]!;
    const shared = [`auth ${authRef}`, `aor ${aorRef}`].find((k) => usedBy.has(k));
    if (shared) {
      skip(`: ${shared} is also used by endpoint ${usedBy.get(shared)}; srw keeps one per extension`);
      continue;
    }
    const bad = checkAuth(auth) ?? checkAor(aor);
    if (bad) {
      problems.push(problem(PJSIP, `${bad}; endpoint ${ep.name} not imported`));
      continue;
    }
    const transport = last(ep, 'transport');
    if (transport !== undefined && transport !== transportName(pbx)) {
      skip(` field transport: ${transport}, but the inventory's transport is ${transportName(pbx)} (pbx.sip), and apply would replace [${transport}]`);
      continue;
    }
    const n = ep.name;
    const box = boxes.get(n);
    const callerid = last(ep, 'callerid');
    const name = (callerid ? callerIdName(callerid) : undefined) ?? (box?.fullName || undefined);
    if (!name) {
      skip(' field callerid: no name in it (and no mailbox name), and srw needs one');
      continue;
    }
    const accountcode = last(ep, 'accountcode');
    const department = accountcode && /\p{L}/u.test(accountcode) ? accountcode : undefined;
    if (box) {
      const boxProblem = box.rest.replace(/,/g, '') !== '' ? `field email/pager/options: "${box.rest.split(',')[0] ? 'e-mail' : 'options'}" set, which srw does not keep` : pinProblem(box.pin, n) ? `field PIN: ${pinProblem(box.pin, n)}` : box.fullName !== mailboxFullName(name) ? `field full name: differs from the endpoint's callerid name, and srw writes one name for both` : undefined;
      if (boxProblem) {
        problems.push(problem(VOICEMAIL, `${box.where.slice(VOICEMAIL.length + 1)} (mailbox ${n}) ${boxProblem}; extension ${n} not imported`));
        continue;
      }
    }
    const password = last(auth, 'password')!;
    const ext: Extension = { number: n, name, voicemail: box !== undefined, ...(department ? { department } : {}) };
    const pjsip = pjsipOf(ep, auth, aor, n);
    const candidate: Extension = pjsip ? { ...ext, pjsip } : ext;
    const checked = checkCandidate(candidate, pbx, password, [ep, auth, aor], where);
    if (checked) {
      problems.push(checked);
      continue;
    }
    usedBy.set(`auth ${authRef}`, n);
    usedBy.set(`aor ${aorRef}`, n);
    extensions.push({ number: n, name, voicemail: box !== undefined, ...(department ? { department } : {}), password: new Secret(password), ...(box ? { pin: new Secret(box.pin) } : {}), ...(candidate.pjsip ? { pjsip: candidate.pjsip } : {}), where });
  }
  return { extensions, problems };
}

function checkAuth(auth: FoundCategory): string | undefined {
  const where = `${at(auth)}`;
  if (auth.lines[0]?.[0] !== 'type') return `${where} line 1: type= is not the first line`;
  const unknown = auth.lines.findIndex(([k]) => !isKnown('auth', k));
  if (unknown >= 0) return `${lineAt(auth, unknown)} field ${auth.lines[unknown]![0]}: res_pjsip has no auth option "${auth.lines[unknown]![0]}"`;
  const authType = last(auth, 'auth_type') ?? 'userpass';
  if (authType !== 'userpass') return `${where} field auth_type: ${authType}; only userpass carries a password srw can keep`;
  const passwords = auth.lines.filter(([k]) => k === 'password');
  if (passwords.length !== 1) return `${where} field password: ${passwords.length === 0 ? 'none' : 'given more than once'}`;
  if (auth.lines.some(([k]) => k === 'md5_cred')) return `${where} field md5_cred: srw keeps the password itself`;
  return undefined;
}

function checkAor(aor: FoundCategory): string | undefined {
  if (aor.lines[0]?.[0] !== 'type') return `${at(aor)} line 1: type= is not the first line`;
  const unknown = aor.lines.findIndex(([k]) => !isKnown('aor', k));
  return unknown >= 0 ? `${lineAt(aor, unknown)} field ${aor.lines[unknown]![0]}: res_pjsip has no aor option "${aor.lines[unknown]![0]}"` : undefined;
}

/** What the inventory needs to render these three objects as they are; undefined when srw's standard form is exactly that. */
function pjsipOf(ep: FoundCategory, auth: FoundCategory, aor: FoundCategory, n: string): ExtensionPjsip | undefined {
  const authOptions = auth.lines.slice(1).map(([k, v]) => (k === 'password' ? 'password' : `${k}=${v}`));
  const standardAuth = ['auth_type=userpass', `username=${n}`, 'password'];
  const standardAor = STANDARD_AOR_LINES.map(([k, v]) => `${k}=${v}`);
  const aorOptions = asLines(aor);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const p: ExtensionPjsip = {
    endpoint: asLines(ep),
    ...(auth.name !== authName(n) ? { auth: auth.name } : {}),
    ...(same(authOptions, standardAuth) ? {} : { authOptions }),
    ...(aor.name !== n ? { aor: aor.name } : {}),
    ...(same(aorOptions, standardAor) ? {} : { aorOptions }),
  };
  return p;
}

/**
 * The last word: the candidate must pass the inventory's own rules and render, through the same
 * code `voip render`/`apply` use, exactly the objects the PBX has. srw's standard form is used
 * when it is already exact (no `pjsip:` in the inventory then).
 */
function checkCandidate(candidate: Extension, pbx: Pbx, password: string, found: FoundCategory[], where: string): Problem | undefined {
  const here = where.slice(PJSIP.length + 1);
  const { pjsip, ...plain } = candidate;
  const parsedPlain = extensionSchema.safeParse(plain);
  if (!parsedPlain.success) {
    const i = parsedPlain.error.issues[0]!;
    return problem(PJSIP, `${here} field ${i.path.join('.') || 'number'}: ${i.message}; endpoint ${candidate.number} not imported`);
  }
  const { from, to } = pbx.extensionRange;
  if (Number(candidate.number) < from || Number(candidate.number) > to)
    return problem(PJSIP, `${here} field name: extension ${candidate.number} is outside the PBX range ${from}–${to} (pbx.extensionRange); not imported`);
  const secret = (id: string) => (id === `ext-${candidate.number}` ? password : '');
  const matches = (ext: Extension): true | string => {
    try {
      const rendered = extensionCategories(pbx, ext, secret);
      const same = rendered.every((r) => found.some((f) => f.name === r.name && typeOf(f) === typeOf(r) && sameLines(f as ConfigCategory, r)));
      return same || 'srw would not render it exactly as it is';
    } catch (e) {
      if (e instanceof ConfigValueError) return e.message;
      throw e;
    }
  };
  if (matches(parsedPlain.data) === true) {
    delete candidate.pjsip;
    return undefined;
  }
  const parsed = extensionSchema.safeParse(candidate);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    // pjsip.endpoint[3] → the option's name, which is what the user finds in pjsip.conf.
    const list = pjsip?.[i.path[1] as keyof ExtensionPjsip];
    const item = Array.isArray(list) && typeof i.path[2] === 'number' ? list[i.path[2]] : undefined;
    const line = item ? ` field ${item.split('=')[0]}` : '';
    return problem(PJSIP, `${here}${line}: ${i.message}; endpoint ${candidate.number} not imported`);
  }
  const r = matches(parsed.data);
  return r === true ? undefined : problem(PJSIP, `${here}: ${r}; endpoint ${candidate.number} not imported`);
}
