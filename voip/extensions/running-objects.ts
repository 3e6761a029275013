// What res_pjsip runs, compared with what pjsip.conf says. A reload answers `Module Reloaded` also
// when it kept the old version of an object (pjsip-reload-invalid-value.txt: "Retaining existing
// configuration for object … '203'") or did not reload a transport at all (pjsip-reload-bad-object
// .txt: "not fully reloadable"), so apply reads the objects back with the admin user and compares
// them option by option: PJSIPShowEndpoint per endpoint (its Endpoint/Auth/Transport/Aor/Identify
// details, write-system-pjsip-show-actions.txt) and one PJSIPShowRegistrationsOutbound.
import { typeOf, type ConfigCategory } from './config-file.js';

type Header = readonly [string, string];
type Message = { headers: readonly Header[]; fields: Record<string, string> };
export type ObjectSession = { action(headers: Array<readonly [string, string]>, opts?: { timeoutMs?: number }): Promise<{ response: Message; events: Message[] }> };

/** `direct_media` → `DirectMedia`: how res_pjsip names an option in its *Detail events. */
export const detailName = (option: string): string => option.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** Options res_pjsip prints as true/false whatever the file says (yes/no/on/1…). */
export const BOOLEAN_OPTIONS = new Set(['direct_media', 'bind_rtp_to_media_address', 'rtp_symmetric', 'force_rport', 'rewrite_contact', 'remove_existing', 'trust_id_inbound', 'send_pai', 'allow_subscribe', 't38_udptl', 'auth_rejection_permanent', 'line']);

/** A value as the *Detail events print it: booleans true/false, codec lists `(g722|alaw|ulaw)`. */
export function detailValue(option: string, value: string): string {
  if (option === 'allow') return `(${value.split(',').filter(Boolean).join('|')})`;
  if (BOOLEAN_OPTIONS.has(option)) return /^(yes|true|on|1|y)$/i.test(value) ? 'true' : 'false';
  return value;
}

/** Options compared per object type (the rest are defaults, or not shown the same way). */
const COMPARED: Record<string, readonly string[]> = {
  endpoint: ['transport', 'context', 'allow', 'auth', 'aors', 'callerid', 'mailboxes', 'outbound_auth', 'from_user', 'direct_media', 'dtmf_mode'],
  auth: ['auth_type', 'username', 'password'],
  aor: ['max_contacts', 'remove_existing', 'qualify_frequency'],
  identify: ['endpoint'],
  transport: ['protocol', 'bind'],
  registration: ['server_uri', 'client_uri', 'outbound_auth', 'transport', 'retry_interval'],
};

/** Options of a category as res_pjsip keeps them: repeated `allow` lines joined, else the last one. */
function optionsOf(cat: ConfigCategory): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of cat.lines) m.set(k, k === 'allow' && m.has('allow') ? `${m.get('allow')},${v}` : v);
  return m;
}

/** The options of `cat` that the running object (its *Detail fields) does not show as configured. */
function differences(cat: ConfigCategory, fields: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of optionsOf(cat)) {
    if (!COMPARED[typeOf(cat)]?.includes(k)) continue;
    const want = detailValue(k, v);
    const got = fields[detailName(k).toLowerCase()];
    // Never name a secret's value: say which option differs, not what it is.
    if (got !== want) out.push(k === 'password' ? 'password' : `${k} (file: ${want}, running: ${got ?? 'absent'})`);
  }
  return out;
}

export type RunningCheck = {
  /** Objects the reload did not take as written: "endpoint 203: dtmf_mode (file: …, running: …)". */
  notTaken: string[];
  /** Transports whose non-reloadable options changed: they need an Asterisk restart. */
  needsRestart: string[];
  /** Endpoints whose details were read. */
  endpoints: string[];
  /** Transports whose running options were read and compared (whatever the outcome). */
  transports: string[];
};

const describe = (cat: ConfigCategory) => `${typeOf(cat)} ${cat.name}`;

/**
 * Reads back every object of `wanted` (the categories a plan created or changed) and checks that
 * those of `gone` (removed) no longer run. Transports are special: a changed transport that kept
 * its old values is `needsRestart`, not a failure (res_pjsip never reloads it).
 */
export async function checkRunning(ami: ObjectSession, all: readonly ConfigCategory[], wanted: readonly ConfigCategory[], gone: readonly ConfigCategory[]): Promise<RunningCheck> {
  const result: RunningCheck = { notTaken: [], needsRestart: [], endpoints: [], transports: [] };
  const names = new Set(wanted.map((c) => `${typeOf(c)}/${c.name}`));
  // Each non-endpoint object is read through the first endpoint that refers to it.
  const referrer = new Map<string, string>();
  for (const e of all) {
    if (typeOf(e) !== 'endpoint') continue;
    const o = optionsOf(e);
    const refer = (type: string, key: string) => {
      for (const n of (o.get(key) ?? '').split(',').filter(Boolean)) if (!referrer.has(`${type}/${n}`)) referrer.set(`${type}/${n}`, e.name);
    };
    refer('auth', 'auth');
    refer('auth', 'outbound_auth');
    refer('aor', 'aors');
    refer('transport', 'transport');
  }
  const via = (c: ConfigCategory): string | undefined => {
    const t = typeOf(c);
    if (t === 'endpoint') return c.name;
    if (t === 'identify') return optionsOf(c).get('endpoint');
    return referrer.get(`${t}/${c.name}`);
  };
  const toRead = new Set<string>();
  for (const c of wanted) {
    const e = via(c);
    if (e) toRead.add(e);
  }
  const detailOf = new Map<string, Message[] | 'missing'>();
  for (const e of toRead) detailOf.set(e, await endpointDetail(ami, e));
  for (const e of toRead) if (detailOf.get(e) !== 'missing') result.endpoints.push(e);

  for (const c of wanted) {
    const t = typeOf(c);
    if (t === 'registration') continue;
    const e = via(c);
    const events = e === undefined ? undefined : detailOf.get(e);
    if (events === undefined) continue;
    if (events === 'missing') {
      result.notTaken.push(`${describe(c)}: not running after the reload${t === 'endpoint' ? '' : ` (endpoint ${e} is not)`}`);
      continue;
    }
    const event = `${t.charAt(0).toUpperCase()}${t.slice(1)}Detail`;
    const item = events.find((m) => m.fields.event === event && m.fields.objectname === c.name);
    if (!item) {
      result.notTaken.push(`${describe(c)}: not running after the reload`);
      continue;
    }
    if (t === 'transport') result.transports.push(c.name);
    const diff = differences(c, item.fields);
    if (!diff.length) continue;
    if (t === 'transport') result.needsRestart.push(`transport ${c.name}: ${diff.join(', ')}`);
    else result.notTaken.push(`${describe(c)}: Asterisk kept ${diff.join(', ')}`);
  }
  for (const c of gone) {
    if (typeOf(c) !== 'endpoint' || names.has(`endpoint/${c.name}`)) continue;
    if ((await endpointDetail(ami, c.name)) !== 'missing') result.notTaken.push(`${describe(c)}: still running after the reload`);
  }

  const regsWanted = wanted.filter((c) => typeOf(c) === 'registration');
  const regsGone = gone.filter((c) => typeOf(c) === 'registration' && !names.has(`registration/${c.name}`));
  if (regsWanted.length || regsGone.length) {
    // Admin only: its answer carries the trunk password in AuthDetail items, which are skipped.
    const r = await ami.action([['Action', 'PJSIPShowRegistrationsOutbound']]);
    const regs = new Map(r.events.filter((m) => m.fields.event === 'OutboundRegistrationDetail').map((m) => [m.fields.objectname ?? '', m]));
    for (const c of regsWanted) {
      const m = regs.get(c.name);
      if (!m) result.notTaken.push(`${describe(c)}: not running after the reload`);
      else {
        const diff = differences(c, m.fields);
        if (diff.length) result.notTaken.push(`${describe(c)}: Asterisk kept ${diff.join(', ')}`);
      }
    }
    for (const c of regsGone) if (regs.has(c.name)) result.notTaken.push(`${describe(c)}: still running after the reload`);
  }
  return result;
}

async function endpointDetail(ami: ObjectSession, name: string): Promise<Message[] | 'missing'> {
  try {
    return (await ami.action([['Action', 'PJSIPShowEndpoint'], ['Endpoint', name]])).events;
  } catch (e) {
    // pjsipshowendpoint-unknown.txt: `Unable to retrieve endpoint 999` (with a bare LF).
    if (e instanceof Error && /Unable to retrieve endpoint/.test(e.message)) return 'missing';
    throw e;
  }
}
