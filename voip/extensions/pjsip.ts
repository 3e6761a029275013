// pjsip.conf as categories, built from the inventory. `voip render` prints them and
// `voip apply` compares them with what GetConfig returns, so both see the same objects.
import type { Extension, ExtensionPjsip, Inventory, Pbx, Problem, Trunk } from '../../infra/inventory/index.js';
import { checkValue, ConfigValueError, type ConfigCategory, type ConfigLine } from './config-file.js';

export type SecretLookup = (id: string) => string;

/** Dialplan context the phones' calls start in (extensions.conf has the same name). */
export const INTERNAL_CONTEXT = 'internal';
/** Context calls from a trunk start in: one per trunk, so each can route its calls its own way. */
export const trunkContext = (trunk: string): string => `from-trunk-${trunk}`;
/** Codecs offered: G.722 for wideband desk phones, then G.711 A-law (Europe) and µ-law. */
export const CODECS = 'g722,alaw,ulaw';
/** Seconds between OPTIONS pings; the TUI shows the round trip from ContactStatus. */
export const QUALIFY_FREQUENCY = 30;

export const transportName = (pbx: Pbx): string => `transport-${pbx.sip.transport}`;
export const authName = (number: string): string => `auth${number}`;

/**
 * [global]: a phone's re-REGISTER (a refresh) is invisible to a monitor unless res_pjsip sends a
 * ContactStatus for it (events-reregister-contactstatus-default.txt: no event; with this option
 * one `Reachable` per refresh, -send-on-update.txt), so a contact the monitor missed at connect
 * time shows at its next refresh. apply writes [global] only into a pjsip.conf that has none:
 * an existing one is the admin's.
 */
export const GLOBAL_CATEGORY: ConfigCategory = {
  name: 'global',
  lines: [
    ['type', 'global'],
    ['send_contact_status_on_update_registration', 'yes'],
  ],
  comment: 'one ContactStatus event per registration refresh, so srw watch sees every phone that is registered',
};

export function pjsipCategories(pbx: Pbx, secret: SecretLookup): ConfigCategory[] {
  const out: ConfigCategory[] = [GLOBAL_CATEGORY, transportCategory(pbx)];
  for (const ext of pbx.extensions) out.push(...extensionCategories(pbx, ext, secret));
  for (const trunk of pbx.trunks) out.push(...trunkCategories(pbx, trunk, secret));
  return out;
}

function transportCategory(pbx: Pbx): ConfigCategory {
  const lines: [string, string][] = [
    ['type', 'transport'],
    ['protocol', pbx.sip.transport],
    ['bind', `${pbx.sip.bind ?? '0.0.0.0'}:${pbx.sip.port}`],
  ];
  if (pbx.sip.transport === 'tls') {
    // Asterisk's conventional key location; the certificate itself is provisioned outside srw.
    lines.push(['cert_file', '/etc/asterisk/keys/asterisk.crt'], ['priv_key_file', '/etc/asterisk/keys/asterisk.key'], ['method', 'tlsv1_2']);
  }
  return { name: transportName(pbx), lines, comment: `SIP transport (${pbx.sip.transport} port ${pbx.sip.port})` };
}

export function extensionCategories(pbx: Pbx, ext: Extension, secret: SecretLookup): ConfigCategory[] {
  const n = checkValue(`extension ${ext.number} number`, ext.number);
  const name = checkValue(`extension ${n} name`, ext.name);
  if (name.includes('"') || name.includes('\\')) throw new ConfigValueError(`extension ${n} name`, "contains a quote or backslash, which would break the callerid");
  const password = checkValue(`extension ${n} secret`, secret(`ext-${n}`));
  if (ext.pjsip) return importedCategories(ext, ext.pjsip, n, password);
  const endpoint: [string, string][] = [
    ['type', 'endpoint'],
    ['transport', transportName(pbx)],
    ['context', INTERNAL_CONTEXT],
    ['disallow', 'all'],
    ['allow', CODECS],
    ['auth', authName(n)],
    ['aors', n],
    ['callerid', `"${name}" <${n}>`],
  ];
  if (ext.voicemail) endpoint.push(['mailboxes', `${n}@default`]);
  return [
    { name: n, lines: endpoint, comment: ext.department ? `${ext.name} — ${ext.department}` : ext.name },
    {
      name: authName(n),
      lines: [
        ['type', 'auth'],
        ['auth_type', 'userpass'],
        ['username', n],
        ['password', password],
      ],
    },
    {
      name: n,
      lines: [['type', 'aor'], ...STANDARD_AOR_LINES.map(([k, v]): [string, string] => [k, v])],
    },
  ];
}

/** srw's own aor lines for a phone; an imported extension without `pjsip.aorOptions` gets them too. */
export const STANDARD_AOR_LINES: readonly ConfigLine[] = [
  // One phone per extension; a re-registering phone replaces its old contact instead of being
  // refused until the old one expires.
  ['max_contacts', '1'],
  ['remove_existing', 'yes'],
  ['qualify_frequency', String(QUALIFY_FREQUENCY)],
];

const optionLine = (where: string, line: string): [string, string] => {
  const eq = line.indexOf('=');
  if (eq <= 0) throw new ConfigValueError(where, `expected name=value, found "${line.slice(0, 40)}"`);
  return [checkValue(where, line.slice(0, eq)), checkValue(where, line.slice(eq + 1))];
};

/** `"Anna Kowalska" <201>`, `Anna Kowalska <201>`, `"Anna Kowalska"` → Anna Kowalska. */
export function callerIdName(value: string): string | undefined {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*(?:<[^>]*>)?\s*$/.exec(value);
  const name = (m?.[1] ?? m?.[2] ?? '').trim();
  return name === '' ? undefined : name;
}

/**
 * An extension imported from a PBX (`pjsip:` in the inventory): its objects exactly as GetConfig
 * showed them there (templates expanded, repeated `allow` lines kept), the password from the
 * secrets as for every extension. So `voip apply` finds them equal and leaves them alone.
 */
function importedCategories(ext: Extension, p: ExtensionPjsip, n: string, password: string): ConfigCategory[] {
  const where = (what: string) => `extension ${n} pjsip.${what}`;
  const authLines = (p.authOptions ?? ['auth_type=userpass', `username=${n}`, 'password']).map((l): [string, string] => (l === 'password' ? ['password', password] : optionLine(where('authOptions'), l)));
  const aorLines = p.aorOptions ? p.aorOptions.map((l) => optionLine(where('aorOptions'), l)) : STANDARD_AOR_LINES.map(([k, v]): [string, string] => [k, v]);
  // The name is the inventory's: after `ext set --name` the phone's display follows it (the
  // import took the name from this very line, so an untouched extension renders as found).
  const endpoint = p.endpoint.map((l): [string, string] => {
    const [k, v] = optionLine(where('endpoint'), l);
    const shown = k === 'callerid' ? callerIdName(v) : undefined;
    return shown !== undefined && shown !== ext.name ? [k, `"${ext.name}" <${n}>`] : [k, v];
  });
  return [
    { name: n, lines: [['type', 'endpoint'], ...endpoint], comment: `${ext.department ? `${ext.name} — ${ext.department}` : ext.name} (as imported from the PBX)` },
    { name: checkValue(where('auth'), p.auth ?? authName(n)), lines: [['type', 'auth'], ...authLines] },
    { name: checkValue(where('aor'), p.aor ?? n), lines: [['type', 'aor'], ...aorLines] },
  ];
}

/** The URIs of a trunk's registration as rendered: Registry events name it only by these. */
export function registrationUris(trunk: Pick<Trunk, 'host' | 'port' | 'username'>): { serverUri: string; clientUri: string } {
  return { serverUri: `sip:${trunk.host}:${trunk.port}`, clientUri: `sip:${trunk.username}@${trunk.host}:${trunk.port}` };
}

/** The inventory's registering trunks with their URIs, for the monitor's Registry mapping. */
export function knownTrunks(pbx: Pbx): Array<{ name: string; serverUri: string; clientUri: string }> {
  return pbx.trunks.filter((t) => t.register).map((t) => ({ name: t.name, ...registrationUris(t) }));
}

export function trunkCategories(pbx: Pbx, trunk: Trunk, secret: SecretLookup): ConfigCategory[] {
  const t = trunk.name;
  const host = checkValue(`trunk ${t} host`, trunk.host);
  const user = checkValue(`trunk ${t} username`, trunk.username);
  const password = checkValue(`trunk ${t} secret`, secret(`trunk-${t}`));
  const { serverUri: server, clientUri } = registrationUris({ host, port: trunk.port, username: user });
  const cats: ConfigCategory[] = [
    {
      name: t,
      comment: `trunk ${t} (${host})`,
      lines: [
        ['type', 'endpoint'],
        ['transport', transportName(pbx)],
        ['context', trunkContext(t)],
        ['disallow', 'all'],
        ['allow', 'alaw,ulaw'],
        ['outbound_auth', `${t}-auth`],
        ['aors', t],
        ['from_user', user],
      ],
    },
    {
      name: `${t}-auth`,
      lines: [
        ['type', 'auth'],
        ['auth_type', 'userpass'],
        ['username', user],
        ['password', password],
      ],
    },
    { name: t, lines: [['type', 'aor'], ['contact', server], ['qualify_frequency', '60']] },
  ];
  if (trunk.register) {
    cats.push({
      name: `${t}-reg`,
      lines: [
        ['type', 'registration'],
        ['transport', transportName(pbx)],
        ['outbound_auth', `${t}-auth`],
        ['server_uri', server],
        ['client_uri', clientUri],
        ['retry_interval', '60'],
      ],
    });
  }
  cats.push({ name: `${t}-identify`, lines: [['type', 'identify'], ['endpoint', t], ['match', host]] });
  return cats;
}

/** What render and apply say about the SIP side of the inventory (not errors: the file is valid). */
export function sipWarnings(pbx: Pbx, file: string): Problem[] {
  if (pbx.sip.bind) return [];
  return [
    {
      code: 'schema',
      severity: 'warning',
      message: `pbx.sip.bind is not set: Asterisk listens for SIP on every address (0.0.0.0:${pbx.sip.port}), a public interface included; set it to the address the phones and the trunk reach`,
      file,
      path: ['pbx', 'sip'],
    },
  ];
}

/** For callers that hold a whole inventory. */
export function pjsipCategoriesOf(inventory: Inventory, secret: SecretLookup): ConfigCategory[] {
  return inventory.pbx ? pjsipCategories(inventory.pbx, secret) : [];
}
