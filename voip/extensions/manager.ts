// manager.conf with two least-privilege AMI users, each behind a deny-all/permit ACL.
//
// AMI authorises an action when the user's write classes share ANY class with the action's
// (main/manager.c). write=system therefore also allows ModuleLoad (unload modules), GetConfig
// (every SIP password in clear text), DBPut/DBDel and MixMonitor (record calls); write=originate
// can rewrite config files through dialplan functions (CVE-2024-42365). The class table is in
// ../shared/ami-transcripts/README.md ("least-privilege" section) and the bytes of a
// write=reporting user are in least-privilege-watcher-actions.txt.
import type { AmiUser, Pbx } from '../../infra/inventory/index.js';
import { intToIp, parseCidr } from '../../infra/inventory/index.js';
import { checkValue, formatConfig, type ConfigCategory } from './config-file.js';
import type { SecretLookup } from './pjsip.js';

/**
 * Monitor: enough for CoreStatus, CoreSettings, CoreShowChannels, DeviceStateList,
 * ExtensionStateList, Status, QueueStatus and the call/system/agent events. mode 'system' opts in to
 * PJSIPShowEndpoints/Contacts at the price of everything write=system allows (see above), and
 * keeps reporting: write=system alone is refused DeviceStateList and ExtensionStateList
 * (statelists-write-system.txt; with system,reporting both work: statelists-write-system-reporting.txt).
 * Not even write=reporting is read-only: it allows Getvar AST_CONFIG(), which reads any value of
 * any config file, and PJSIPUnregister (least-privilege-connect-time-state.txt,
 * least-privilege-pjsipunregister.txt); Asterisk has no narrower class.
 */
export function monitorClasses(pbx: Pbx): { read: string; write: string } {
  // read=agent: app_queue's queue events (QueueCallerJoin/Leave/Abandon, AgentConnect/Complete,
  // QueueMemberStatus/Pause) are EVENT_FLAG_AGENT and carry channel states and member names, no
  // secret (events-queue-*-read-agent.txt); without it the monitor re-reads QueueStatus every 5 s.
  // Reading a class allows no action: write stays as it is (QueuePause needs write=agent).
  return { read: 'system,call,reporting,agent', write: pbx.ami.mode === 'system' ? 'system,reporting' : 'reporting' };
}

/** Admin: GetConfig/UpdateConfig (config) and Reload + PJSIPShowEndpoint (system); only `voip apply`. */
export const ADMIN_CLASSES = { read: 'system,config', write: 'config,system' } as const;
/**
 * With call flows the admin also sets the night switch's BLF lamp: Setvar of
 * DEVICE_STATE(Custom:…) needs write=call (devstate-custom-admin.txt refuses config,system;
 * devstate-custom-write-call.txt). call adds Redirect/Hangup/Setvar, nothing a user who may
 * rewrite extensions.conf could not do already; it does not add Originate.
 */
export const adminClasses = (pbx: Pbx): { read: string; write: string } =>
  pbx.callFlows?.schedules.length ? { read: ADMIN_CLASSES.read, write: `${ADMIN_CLASSES.write},call` } : { ...ADMIN_CLASSES };

/** `10.10.0.0/24` → `10.10.0.0/255.255.255.0`, the form every Asterisk version accepts. */
export function aclEntry(cidr: string): string {
  const c = parseCidr(cidr);
  const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
  return `${intToIp(c.network)}/${intToIp(mask)}`;
}

export function permitList(pbx: Pbx): string[] {
  const cidrs = pbx.ami.permit.length > 0 ? pbx.ami.permit : [`${pbx.ami.address}/32`];
  return cidrs.map(aclEntry);
}

function userCategory(pbx: Pbx, user: AmiUser, id: string, classes: { read: string; write: string }, secret: SecretLookup, comment: string): ConfigCategory {
  const lines: [string, string][] = [
    ['secret', checkValue(`AMI user ${user.user} secret`, secret(id))],
    ['deny', '0.0.0.0/0.0.0.0'],
    ...permitList(pbx).map((p): [string, string] => ['permit', p]),
    ['read', classes.read],
    ['write', classes.write],
    // A user that never reads events must not fill its queue (and the PBX's memory) with them.
    ['writetimeout', '5000'],
  ];
  return { name: checkValue('AMI user name', user.user), lines, comment };
}

export function renderManager(pbx: Pbx, secret: SecretLookup): string {
  const cats: ConfigCategory[] = [
    {
      name: 'general',
      lines: [
        ['enabled', 'yes'],
        ['port', String(pbx.ami.port)],
        ['bindaddr', pbx.ami.address],
        ['displayconnects', 'no'],
      ],
    },
  ];
  const mon = monitorClasses(pbx);
  cats.push(
    userCategory(
      pbx,
      pbx.ami.monitor,
      'ami-monitor',
      mon,
      secret,
      pbx.ami.mode === 'system'
        ? 'monitoring user (srw watch, srw exporter), mode "system": write=system lets it run PJSIPShowEndpoints/Contacts,\n' +
            'but also ModuleLoad, GetConfig (all SIP passwords in clear text), DBPut and MixMonitor.'
        : 'monitoring user (srw watch, srw exporter): write=reporting only. Not write=system: that would also allow\n' +
            'ModuleLoad, GetConfig (all SIP passwords in clear text), DBPut and MixMonitor. Never originate (CVE-2024-42365).',
    ),
  );
  if (pbx.ami.admin) {
    cats.push(
      userCategory(
        pbx,
        pbx.ami.admin,
        'ami-admin',
        adminClasses(pbx),
        secret,
        pbx.callFlows?.schedules.length
          ? 'admin user: GetConfig/UpdateConfig/Reload for `srw voip apply`; DBPut/DBDel and the BLF lamp (Setvar: write=call) for `srw voip night`'
          : 'admin user: GetConfig/UpdateConfig/Reload; used only by `srw voip apply`',
      ),
    );
  }
  const header =
    '; Generated by srw from the inventory. Two AMI users, each with deny-all + permit.\n' +
    (pbx.ami.admin ? '' : '; No admin user in the inventory (pbx.ami.admin): `srw voip apply` cannot run.\n');
  return formatConfig(header, cats);
}
