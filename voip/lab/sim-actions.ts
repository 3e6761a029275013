// What the simulated Asterisk answers to each permitted action, header for header as in the
// recordings named beside each case (../shared/ami-transcripts/…). Pure: model + request → reply.
import { listCompleteEvent } from '../ami/actions.js';
import type { AmiMessage } from '../ami/frame.js';
import type { DeviceState } from '../model/pbx.js';
import { getConfigHeaders, savedCopy, updateSteps } from './config-file.js';
import { CONFIG_LOADED_MODULES, type PbxModel, type SimChannel } from './pbx-model.js';
import { simQueues } from './queues.js';
import { DETAIL_TEMPLATES } from './pjsip-detail-templates.js';
import { detailName, detailValue, type ObjectType, type PjsipObject } from './res-pjsip.js';

type H = Array<[string, string]>;
export type Reply = { status: 'Success' | 'Error'; headers: H; list?: { items: H[]; complete: string; extra?: H }; listItems?: number; after?: () => void };

/** A *Detail event of a running object: the recorded header order and defaults, its configured options on top. */
function detail(type: ObjectType, o: PjsipObject, extra: Record<string, string> = {}): H {
  const values = new Map<string, string>([['ObjectName', o.id]]);
  for (const [k, v] of o.options) if (k !== 'type') values.set(detailName(k), detailValue(k, v));
  for (const [k, v] of Object.entries(extra)) values.set(k, v);
  const event = `${type.charAt(0).toUpperCase()}${type.slice(1)}Detail`;
  return [['Event', event], ...DETAIL_TEMPLATES[type]!.map(([k, d]): [string, string] => [k, values.get(k) ?? d])];
}

const DEVICE_STATES = new Set(['UNKNOWN', 'NOT_INUSE', 'INUSE', 'BUSY', 'INVALID', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD']);
const ok = (headers: H = []): Reply => ({ status: 'Success', headers });
const err = (message: string): Reply => ({ status: 'Error', headers: [['Message', message]] });
const list = (action: string, message: string, items: H[], extra?: H): Reply => ({
  status: 'Success',
  headers: [['EventList', 'start'], ['Message', message]],
  list: { items, complete: listCompleteEvent[action]!, ...(extra ? { extra } : {}) },
});

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (t: number) => { const d = new Date(t); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; };
const localTime = (t: number) => { const d = new Date(t); return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; };
const hms = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;

/** ast_devstate_str(): EndpointList speaks human text (pjsipshowendpoints.txt). */
const DEVSTATE_TEXT: Record<DeviceState, string> = {
  UNKNOWN: 'Unknown', NOT_INUSE: 'Not in use', INUSE: 'In use', BUSY: 'Busy', INVALID: 'Invalid', UNAVAILABLE: 'Unavailable', RINGING: 'Ringing', RINGINUSE: 'Ring+Inuse', ONHOLD: 'On Hold',
};

/** "1 minute, 24 seconds" as the CLI prints it (command-core-show-uptime.txt). */
function cliDuration(total: number): string {
  const parts: string[] = [];
  const units: Array<[number, string]> = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];
  let s = total;
  for (const [n, name] of units) if (s >= n) { const v = Math.floor(s / n); s -= v * n; parts.push(`${v} ${name}${v === 1 ? '' : 's'}`); }
  if (s || !parts.length) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function answerAction(model: PbxModel, action: string, m: AmiMessage): Reply {
  const f = m.fields;
  const now = model.now();
  const chans = [...model.channels.values()].reverse();
  const secs = (c: SimChannel) => Math.floor((now - c.createdAt) / 1000);
  switch (action) {
    case 'ping': // ping.txt
      return ok([['Ping', 'Pong'], ['Timestamp', (now / 1000).toFixed(6)]]);
    case 'corestatus': // corestatus.txt: local date/time of the PBX, no version headers
      return ok([
        ['CoreStartupDate', localDate(model.startedAt)], ['CoreStartupTime', localTime(model.startedAt)], ['CoreReloadDate', localDate(model.reloadedAt)],
        ['CoreReloadTime', localTime(model.reloadedAt)], ['CoreCurrentCalls', String(new Set(chans.map((c) => c.linkedid)).size)], ['CoreProcessedCalls', String(model.processedCalls)],
      ]);
    case 'coresettings': // coresettings.txt
      return ok([
        ['AMIversion', '11.0.0'], ['AsteriskVersion', model.version], ['SystemName', model.systemName], ['CoreMaxCalls', '0'], ['CoreMaxLoadAvg', '0.000000'], ['CoreRunUser', ''],
        ['CoreRunGroup', ''], ['CoreMaxFilehandles', '0'], ['CoreRealTimeEnabled', 'No'], ['CoreCDRenabled', 'Yes'], ['CoreHTTPenabled', 'No'], ['SoundsSearchCustomDir', 'No'],
      ]);
    case 'coreshowchannels': // coreshowchannels-during-bridged-call.txt
      return list(action, 'Channels will follow', chans.map((c) => [['Event', 'CoreShowChannel'], ...model.channelHeaders(c), ['Application', c.application], ['ApplicationData', c.data], ['Duration', hms(secs(c))], ['BridgeId', c.bridgeId]]));
    case 'status': { // status-during-call.txt
      const items: H[] = chans.map((c) => [
        ['Event', 'Status'], ['Privilege', 'Call'], ...model.channelHeaders(c), ['Type', 'PJSIP'], ['DNID', c.exten], ['EffectiveConnectedLineNum', c.connectedNum], ['EffectiveConnectedLineName', c.connectedName],
        ['TimeToHangup', '0'], ['BridgeID', c.bridgeId], ['Application', c.application], ['Data', c.data], ['Nativeformats', '(ulaw)'], ['Readformat', 'ulaw'], ['Readtrans', ''],
        ['Writeformat', 'ulaw'], ['Writetrans', ''], ['Callgroup', '0'], ['Pickupgroup', '0'], ['Seconds', String(secs(c))],
      ]);
      return list(action, 'Channel status will follow', items, [['Items', String(items.length)]]);
    }
    case 'devicestatelist': { // devicestatelist.txt: newest device first; removed endpoints stay as INVALID (issue 10, item 9)
      const eps = model.knownDevices().sort().reverse();
      return list(action, 'Device State Changes will follow', eps.map((e) => [['Event', 'DeviceStateChange'], ['Device', `PJSIP/${e}`], ['State', model.deviceState(e)]]));
    }
    case 'extensionstatelist': { // extensionstatelist.txt
      const code: Record<string, [string, string]> = { NOT_INUSE: ['0', 'Idle'], INUSE: ['1', 'InUse'], UNAVAILABLE: ['4', 'Unavailable'], RINGING: ['8', 'Ringing'] };
      const eps = [...model.endpoints.values()].sort((a, b) => b.name.localeCompare(a.name));
      return list(action, 'Extension Statuses will follow', eps.map((e) => {
        const [s, t] = code[model.deviceState(e.name)] ?? ['-1', 'Unknown'];
        return [['Event', 'ExtensionStatus'], ['Exten', e.name], ['Context', e.context], ['Hint', `PJSIP/${e.name}`], ['Status', s], ['StatusText', t]];
      }));
    }
    case 'pjsipshowendpoints': { // pjsipshowendpoints.txt
      const eps = [...model.endpoints.values()].sort((a, b) => a.name.localeCompare(b.name));
      if (!eps.length) return err('No endpoints found\n');
      return list(action, 'A listing of Endpoints follows, presented as EndpointList events', eps.map((e) => {
        const c = model.contacts.get(e.name);
        const active = chans.filter((ch) => ch.endpoint === e.name).length;
        return [['Event', 'EndpointList'], ['ObjectType', 'endpoint'], ['ObjectName', e.name], ['Transport', ''], ['Aor', e.aors ?? ''], ['Auths', e.auth ?? ''], ['OutboundAuths', ''],
          ['Contacts', c ? `${e.name}/${c.uri},` : ''], ['DeviceState', DEVSTATE_TEXT[model.deviceState(e.name)]], ['ActiveChannels', String(active)]];
      }));
    }
    case 'pjsipshowendpoint': { // write-system-pjsip-show-actions.txt: Endpoint, Auth, Transport, Aor, ContactStatus, Identify details
      const name = f.endpoint ?? '';
      const objs = model.pjsip;
      const e = objs?.get('endpoint')!.get(name);
      if (!objs || !e) return err(`Unable to retrieve endpoint ${name}\n`);
      const c = model.contacts.get(name);
      const active = chans.filter((ch) => ch.endpoint === name).length;
      const items: H[] = [detail('endpoint', e, { DeviceState: DEVSTATE_TEXT[model.deviceState(name)], ActiveChannels: String(active) })];
      const tail: Array<[string, string]> = [['EndpointName', name]];
      for (const key of ['auth', 'outbound_auth']) {
        const a = objs.get('auth')!.get(e.options.get(key) ?? '');
        if (a) items.push([...detail('auth', a), ...tail]);
      }
      const t = objs.get('transport')!.get(e.options.get('transport') ?? '');
      if (t) items.push([...detail('transport', t), ...tail]);
      for (const aorName of (e.options.get('aors') ?? '').split(',').filter(Boolean)) {
        const aor = objs.get('aor')!.get(aorName);
        if (!aor) continue;
        const contacts = [...(aor.options.get('contact') ? [`${aorName}/${aor.options.get('contact')}`] : []), ...(c && aorName === name ? [`${name}/${c.uri}`] : [])];
        items.push([...detail('aor', aor, { Contacts: contacts.join(','), TotalContacts: String(contacts.length), ContactsRegistered: c && aorName === name ? '1' : '0' }), ...tail]);
      }
      if (c) items.push([['Event', 'ContactStatusDetail'], ['AOR', name], ['URI', c.uri], ['UserAgent', c.userAgent], ['RegExpire', String(c.expires)], ['Status', c.status], ['RoundtripUsec', String(c.rttUsec)], ['EndpointName', name], ['ID', c.id]]);
      for (const i of objs.get('identify')!.values()) {
        if (i.options.get('endpoint') !== name) continue;
        const m = i.options.get('match') ?? '';
        items.push([...detail('identify', i, { Match: /^[\d.]+$/.test(m) ? `${m}/255.255.255.255` : m }), ...tail]);
      }
      return list(action, 'Following are Events for each object associated with the Endpoint', items);
    }
    case 'pjsipshowcontacts': { // pjsipshowcontacts.txt / pjsipshowcontacts-none.txt (bare LF!)
      const cs = [...model.contacts.entries()].sort(([a], [b]) => a.localeCompare(b));
      if (!cs.length) return err('No Contacts found\n');
      return list(action, 'A listing of Contacts follows, presented as ContactList events', cs.map(([ext, c]) => {
        const port = c.uri.split(':').at(-1) ?? '';
        return [['Event', 'ContactList'], ['ObjectType', 'contact'], ['ObjectName', c.id], ['ViaAddr', '127.0.0.1'], ['QualifyTimeout', '3.000000'], ['Qualify2xxOnly', 'false'], ['CallId', c.callId],
          ['RegServer', model.systemName], ['PruneOnBoot', 'no'], ['Path', ''], ['Endpoint', ext], ['ViaPort', port], ['AuthenticateQualify', 'no'], ['Uri', c.uri], ['QualifyFrequency', '10'],
          ['UserAgent', c.userAgent], ['ExpirationTime', String(c.expires)], ['OutboundProxy', ''], ['Status', c.status], ['RoundtripUsec', String(c.status === 'Reachable' ? c.rttUsec : 0)]];
      }));
    }
    case 'pjsipshowregistrationsoutbound': { // pjsipshowregistrationsoutbound-least-privilege.txt: each registration, then its outbound auth WITH the password
      const ts = [...model.trunks.values()];
      const reg = ts.filter((t) => t.status === 'Registered').length;
      const items: H[] = [];
      for (const t of ts) {
        const r = model.pjsip?.get('registration')!.get(t.name);
        const o = (k: string, d: string) => r?.options.get(k) ?? d;
        items.push([
          ['Event', 'OutboundRegistrationDetail'], ['ObjectType', 'registration'], ['ObjectName', t.name], ['MaxRetries', o('max_retries', '10')], ['ClientUri', t.clientUri],
          ['SecurityNegotiation', 'no'], ['AuthRejectionPermanent', 'true'], ['ServerUri', t.serverUri], ['MaxRandomInitialDelay', '10'], ['SupportPath', 'false'],
          ['RetryInterval', o('retry_interval', '60')], ['ContactHeaderParams', ''], ['Expiration', o('expiration', '3600')], ['Transport', o('transport', '')], ['Line', 'false'],
          ['ContactUser', o('contact_user', '')], ['Endpoint', o('endpoint', '')], ['UserAgent', ''], ['ForbiddenRetryInterval', '0'], ['OutboundAuth', t.outboundAuth ?? ''],
          ['OutboundProxy', ''], ['FatalRetryInterval', '0'], ['SupportOutbound', 'no'], ['Status', t.status], ['NextReg', '0'],
        ]);
        const auth = model.pjsip?.get('auth')!.get(t.outboundAuth ?? '');
        if (auth) items.push(detail('auth', auth));
      }
      // ListItems counts registrations only, although the auths are items too.
      return { ...list(action, 'Following are Events for each Outbound registration', items, [['Registered', String(reg)], ['NotRegistered', String(ts.length - reg)]]), listItems: ts.length };
    }
    case 'getconfig': { // getconfig-pjsip.txt, getconfig-pjsip-category-201.txt, getconfig-missing-file.txt
      const file = model.files.get(f.filename ?? '');
      if (!f.filename) return err('Filename not specified');
      if (!file) return err('Config file not found');
      return ok(getConfigHeaders(file, f.category));
    }
    case 'createconfig': { // updateconfig-copy-after-createconfig.txt: O_CREAT|O_EXCL, mode 0644; never truncates
      const name = (f.filename ?? '').trim();
      if (!name) return err('Filename not specified');
      const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
      if (!model.directories.has(dir)) return err('No such file or directory');
      if (model.files.has(name)) return err('File exists');
      model.files.set(name, { categories: [], text: '', mode: 0o644, writes: 0 });
      return ok([['Message', 'New configuration file created successfully']]);
    }
    case 'updateconfig': { // updateconfig-add-204-and-reload.txt (success has no Message), updateconfig-copy-*.txt
      if (!f.srcfilename || !f.dstfilename) return err('Filename not specified');
      const src = model.files.get(f.srcfilename);
      // realpath() of a missing file fails, and is_restricted_file() counts that as restricted
      // (updateconfig-copy-to-new-file.txt, updateconfig-copy-src-missing.txt).
      if (!src || !model.files.has(f.dstfilename)) return err('File requires escalated privileges');
      const res = savedCopy(src, updateSteps((n) => f[n.toLowerCase()]), { name: f.dstfilename, existing: model.files.get(f.dstfilename), configDir: model.configDir, now: new Date(model.now()) });
      if (!res.ok) return err(res.message);
      // The actions run in memory first; only the save fails, and the file stays as it was.
      if (model.files.get(f.dstfilename)!.unwritable) {
        model.log.push(`ERROR config.c: Unable to write ${model.configDir}/${f.dstfilename} (Operation not permitted)`);
        return err('Save of config failed');
      }
      model.files.set(f.dstfilename, res.file);
      const reload = f.reload;
      return { ...ok(), after: reload && !/^(no|false|off|0|n)$/i.test(reload) ? () => model.reload(/^(yes|true|on|1|y)$/i.test(reload) ? 'res_pjsip.so' : reload) : undefined };
    }
    case 'reload': { // reload-action-res_pjsip.txt
      const module = f.module ?? 'res_pjsip.so';
      if (!model.canReload(module)) return err('No such module');
      return { ...ok([['Message', 'Module Reloaded']]), after: () => model.reload(module) };
    }
    case 'command': { // command-*.txt: Output: per CLI line since Asterisk 14
      const cmd = (f.command ?? '').trim();
      const reload = /^module reload (\S+)$/.exec(cmd);
      if (reload?.[1]) return { ...ok([['Message', 'Command output follows'], ['Output', `Module '${reload[1]}' reloaded successfully.`]]), after: () => model.reload(reload[1]) };
      if (cmd === 'core show uptime')
        return ok([['Message', 'Command output follows'], ['Output', `System uptime: ${cliDuration(Math.floor((now - model.startedAt) / 1000))}`], ['Output', `Last reload: ${cliDuration(Math.floor((now - model.reloadedAt) / 1000))}`]]);
      return { status: 'Error', headers: [['Message', 'Command output follows'], ['Output', `No such command '${cmd}' (type 'core show help ${cmd}' for other possible commands)`]] };
    }
    case 'dbput': { // astdb-admin.txt
      if (!f.family) return err('No family specified');
      if (!f.key) return err('No key specified');
      model.astdb.set(`/${f.family}/${f.key}`, f.val ?? '');
      return ok([['Message', 'Updated database successfully']]);
    }
    case 'dbget': { // astdb-admin.txt: a list of one DBGetResponse; a missing key is an Error
      if (!f.family) return err('No family specified.');
      if (!f.key) return err('No key specified.');
      const v = model.astdb.get(`/${f.family}/${f.key}`);
      if (v === undefined) {
        model.log.push(`WARNING db.c: AstDB key /${f.family}/${f.key} does not exist`);
        return err('Database entry not found');
      }
      return list(action, 'Result will follow', [[['Event', 'DBGetResponse'], ['Family', f.family], ['Key', f.key], ['Val', v]]]);
    }
    case 'dbgettree': { // astdb-admin.txt: `Key: /family/key`, an empty family is an empty list
      const prefix = f.family ? `/${f.family}/${f.key ? `${f.key}` : ''}` : '/';
      const items = [...model.astdb].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]): H => [['Event', 'DBGetTreeResponse'], ['Key', k], ['Val', v]]);
      return list(action, 'Result will follow', items);
    }
    case 'dbdel': { // astdb-admin.txt: deleting a missing key is an Error of its own wording
      if (!f.family) return err('No family specified.');
      if (!f.key) return err('No key specified.');
      if (!model.astdb.delete(`/${f.family}/${f.key}`)) return err('Database entry could not be deleted');
      return ok([['Message', 'Key deleted successfully']]);
    }
    case 'setvar': { // devstate-custom-write-call.txt: only DEVICE_STATE(Custom:…) is simulated
      const dev = /^DEVICE_STATE\((Custom:[^)]+)\)$/i.exec(f.variable ?? '');
      if (!dev) return err(`Simulated Asterisk sets only DEVICE_STATE(Custom:…), not ${f.variable ?? '(none)'}`);
      const state = (f.value ?? '').toUpperCase();
      model.setCustomState(dev[1]!, (DEVICE_STATES.has(state) ? state : 'UNKNOWN') as DeviceState);
      return ok([['Message', 'Variable Set']]);
    }
    case 'getvar': { // devstate-custom-write-call.txt: Variable echoed, then Value; no Message
      const dev = /^DEVICE_STATE\((Custom:[^)]+)\)$/i.exec(f.variable ?? '');
      if (!dev) return err(`Simulated Asterisk reads only DEVICE_STATE(Custom:…), not ${f.variable ?? '(none)'}`);
      return ok([['Variable', f.variable!], ['Value', model.customStates.get(dev[1]!) ?? 'UNKNOWN']]);
    }
    case 'moduleload': { // queues-reload-module-not-loaded.txt (LoadType load only)
      if ((f.loadtype ?? '').toLowerCase() !== 'load') return err('Simulated Asterisk knows only LoadType: load');
      return model.loadModule(f.module ?? '') ? ok([['Message', 'Module loaded.']]) : err('Could not load module.');
    }
    case 'modulecheck': { // queues-reload-module-not-loaded.txt records only the not-loaded answer
      const m = (f.module ?? '').replace(/\.so$/, '');
      if (m in CONFIG_LOADED_MODULES && !model.loadedModules.has(m)) return err('Module not loaded');
      return err(`Simulated Asterisk has no recording of ModuleCheck for a loaded ${f.module ?? '(none)'}`);
    }
    case 'hangup': // hangup-action.txt
      return model.hangupChannel(f.channel ?? '', Number(f.cause ?? 16)) ? ok([['Message', 'Channel Hungup']]) : err('No such channel');
    case 'filter':
      return ok([['Message', 'Filter added']]);
    case 'queuestatus': // queuestatus-*.txt, voip/lab/queues.ts
      return list(action, 'Queue status will follow', simQueues(model).statusItems(f.queue, f.member));
    case 'queuesummary':
      return list(action, 'Queue summary will follow', simQueues(model).summaryItems(f.queue));
    case 'queuepause': { // queuepause-write-agent.txt
      const paused = /^(yes|true|on|1|y)$/i.test(f.paused ?? '');
      if (!simQueues(model).pause(f.interface ?? '', paused, { queue: f.queue, reason: f.reason })) return err('Interface not found');
      return ok([['Message', paused ? 'Interface paused successfully' : 'Interface unpaused successfully']]);
    }
    default:
      return err(`Simulated Asterisk has no answer for ${action}`);
  }
}
