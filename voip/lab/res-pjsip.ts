// What res_pjsip runs, as opposed to what pjsip.conf says: the simulator's model of a
// `module reload res_pjsip.so`, with the behaviours the recordings show on Asterisk 22.10.1:
// - an object whose configuration does not parse keeps its previous version ("Retaining existing
//   configuration for object of type 'endpoint' with id '203'"), and a new one is not created
//   (pjsip-reload-invalid-value.txt and its .log);
// - a transport whose protocol, bind, TLS, ToS or CoS changed is not reloaded at all
//   ("Transport 'transport-udp' is not fully reloadable, not reloading", pjsip-reload-bad-object.txt);
// - references to objects that do not exist (auth=auth-missing) are accepted silently (same file);
// - an object no longer in the file is gone.
// Which option values count as invalid is modelled for a few options only (dtmf_mode, the
// yes/no ones srw and the lab files use) plus unknown option names; see VALUES below.
import type { Category } from './config-file.js';
export { detailName, detailValue } from '../extensions/running-objects.js';

export type ObjectType = 'endpoint' | 'auth' | 'aor' | 'registration' | 'identify' | 'transport';
export const OBJECT_TYPES: readonly ObjectType[] = ['transport', 'endpoint', 'auth', 'aor', 'registration', 'identify'];

/** One running object: its id and its options as last accepted (repeated `allow` lines joined). */
export type PjsipObject = { type: ObjectType; id: string; options: Map<string, string> };
export type PjsipObjects = Map<ObjectType, Map<string, PjsipObject>>;

const BOOL = /^(yes|no|true|false|on|off|1|0|y|n)$/i;
/** Options the model knows per type, with a check of their value where the model has one. */
const VALUES: Record<ObjectType, Record<string, RegExp | undefined>> = {
  endpoint: {
    type: undefined, transport: undefined, context: undefined, disallow: undefined, allow: undefined, auth: undefined, aors: undefined, callerid: undefined,
    direct_media: BOOL, media_address: undefined, bind_rtp_to_media_address: BOOL, mailboxes: undefined, outbound_auth: undefined, from_user: undefined,
    from_domain: undefined, dtmf_mode: /^(rfc4733|inband|info|auto|auto_info)$/, rtp_symmetric: BOOL, force_rport: BOOL, rewrite_contact: BOOL,
    language: undefined, accountcode: undefined, identify_by: undefined, trust_id_inbound: BOOL, send_pai: BOOL, allow_subscribe: BOOL, t38_udptl: BOOL,
  },
  auth: { type: undefined, auth_type: /^(userpass|md5)$/, username: undefined, password: undefined, md5_cred: undefined, realm: undefined },
  aor: { type: undefined, max_contacts: /^\d+$/, remove_existing: BOOL, qualify_frequency: /^\d+$/, contact: undefined, default_expiration: /^\d+$/, maximum_expiration: /^\d+$/, minimum_expiration: /^\d+$/, mailboxes: undefined },
  registration: {
    type: undefined, transport: undefined, outbound_auth: undefined, server_uri: /^sips?:/, client_uri: /^sips?:/, retry_interval: /^\d+$/, expiration: /^\d+$/,
    contact_user: undefined, max_retries: /^\d+$/, forbidden_retry_interval: /^\d+$/, fatal_retry_interval: /^\d+$/, auth_rejection_permanent: BOOL, line: BOOL, endpoint: undefined,
  },
  identify: { type: undefined, endpoint: undefined, match: undefined, match_header: undefined },
  transport: {
    type: undefined, protocol: /^(udp|tcp|tls|ws|wss|flow)$/, bind: undefined, local_net: undefined, external_media_address: undefined, external_signaling_address: undefined,
    external_signaling_port: /^\d+$/, cert_file: undefined, priv_key_file: undefined, method: undefined, cipher: undefined, verify_client: BOOL, verify_server: BOOL,
    require_client_cert: BOOL, tos: undefined, cos: undefined, allow_reload: BOOL,
  },
};

/** Options a running transport cannot change on reload (res_pjsip/config_transport.c has_state_changed). */
const TRANSPORT_FIXED = ['protocol', 'bind', 'local_net', 'external_signaling_address', 'external_media_address', 'method', 'cipher', 'verify_client', 'verify_server', 'require_client_cert', 'tos', 'cos'];

function optionsOf(cat: Category): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of cat.lines) {
    // `allow` accumulates (allow = g722 then allow = ulaw); every other option: the last one wins.
    if (k === 'allow' && m.has('allow')) m.set('allow', `${m.get('allow')},${v}`);
    else m.set(k, v);
  }
  return m;
}

/** Why res_pjsip would refuse this category, or undefined when it parses. */
function invalid(type: ObjectType, cat: Category): string | undefined {
  const known = VALUES[type];
  for (const [k, v] of cat.lines) {
    if (!Object.hasOwn(known, k)) return `Could not find option suitable for category '${cat.name}' named '${k}'`;
    const check = known[k];
    if (check && !check.test(v)) return `Error parsing ${k}=${v} at line 0 of `;
  }
  return undefined;
}

const sameOptions = (a: Map<string, string>, b: Map<string, string>, keys: readonly string[]) => keys.every((k) => a.get(k) === b.get(k));

/**
 * res_pjsip's objects after a (re)load of `categories`; `log` gets the NOTICE/ERROR lines the
 * recordings show for retained objects and non-reloadable transports.
 */
export function loadPjsip(
  categories: readonly Category[],
  previous: PjsipObjects | undefined,
  log: (line: string) => void = () => {},
  /** Fault injection: treat this object's configuration as one res_pjsip cannot parse. */
  refuse?: (type: ObjectType, id: string) => boolean,
): PjsipObjects {
  const out: PjsipObjects = new Map(OBJECT_TYPES.map((t) => [t, new Map<string, PjsipObject>()]));
  for (const cat of categories) {
    const type = cat.lines.find(([k]) => k === 'type')?.[1] as ObjectType | undefined;
    if (!type || !OBJECT_TYPES.includes(type)) continue;
    const old = previous?.get(type)?.get(cat.name);
    const why = refuse?.(type, cat.name) ? `Error parsing an option of ${cat.name} (injected)` : invalid(type, cat);
    if (why) {
      log(`ERROR config_options.c: ${why}`);
      log(`ERROR res_sorcery_config.c: Could not create an object of type '${type}' with id '${cat.name}' from configuration file 'pjsip.conf'`);
      if (old) {
        log(`NOTICE res_sorcery_config.c: Retaining existing configuration for object of type '${type}' with id '${cat.name}'`);
        out.get(type)!.set(cat.name, old);
      }
      continue;
    }
    const obj: PjsipObject = { type, id: cat.name, options: optionsOf(cat) };
    if (type === 'transport' && old && old.options.get('allow_reload') !== 'yes' && !sameOptions(old.options, obj.options, TRANSPORT_FIXED)) {
      log(`NOTICE res_pjsip/config_transport.c: Transport '${cat.name}' is not fully reloadable, not reloading: protocol, bind, TLS (everything but certificate and private key if filename is unchanged), TCP, ToS, or CoS options.`);
      out.get(type)!.set(cat.name, old);
      continue;
    }
    out.get(type)!.set(cat.name, obj);
  }
  return out;
}
