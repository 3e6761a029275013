// The PBX's AMI accepts both users srw has and gives each the rights it needs and no more.
// The rights are tried, not read: a GetConfig of a file that does not exist answers
// "Permission denied" without config/system write rights and "Config file not found" with them
// (least-privilege-watcher-actions.txt, getconfig-missing-file.txt), and moves no secret.
// CoreStatus needs system or reporting, which both users need.
import { resolveSecret, type LoadedInventory } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { AmiActionError, AmiError } from '../../voip/ami/errors.js';
import { field } from '../../voip/ami/frame.js';
import { elapsed, type CheckResult } from './check.js';

const PROBE_FILE = 'srw-doctor-probe-does-not-exist.conf';

type Allowed = boolean | { error: string };

async function allowed(client: AmiClient, headers: Record<string, string>, timeoutMs: number): Promise<Allowed> {
  try {
    await client.action(headers, { timeoutMs });
    return true;
  } catch (e) {
    if (e instanceof AmiActionError) {
      const message = field(e.response, 'Message') ?? '';
      if (message === 'Permission denied') return false;
      // The probe file does not exist: being told so means the action was allowed.
      if (headers.Action === 'GetConfig') return true;
      return { error: message };
    }
    return { error: (e as Error).message };
  }
}

export async function checkAmi(loaded: LoadedInventory, opts: { target?: { host: string; port: number }; timeoutMs?: number } = {}): Promise<CheckResult[]> {
  const pbx = loaded.inventory.pbx;
  if (!pbx) return [{ check: 'ami', status: 'skip', detail: 'the inventory has no pbx section' }];
  const target = opts.target ?? { host: pbx.ami.address, port: pbx.ami.port };
  const timeoutMs = opts.timeoutMs ?? 5000;
  const users = [{ role: 'monitor' as const, user: pbx.ami.monitor }, ...(pbx.ami.admin ? [{ role: 'admin' as const, user: pbx.ami.admin }] : [])];
  const results = await Promise.all(
    users.map(async ({ role, user }): Promise<CheckResult> => {
      const where = `${user.user}@${target.host}:${target.port}`;
      const secret = resolveSecret(user.secret, { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', role, 'secret'] });
      if (!secret.ok) return { check: 'ami', target: where, status: 'fail', detail: `${role} user's secret: ${secret.problems[0]?.message}`, fix: `set pbx.ami.${role}.secret's reference` };
      const client = new AmiClient({ ...target, username: user.user, secret: () => secret.value.reveal(), events: 'off', reconnect: false, keepaliveMs: 0, connectTimeoutMs: timeoutMs, actionTimeoutMs: timeoutMs });
      const start = performance.now();
      try {
        await client.connect();
      } catch (e) {
        const fix = (e as AmiError).code === 'ami-auth' ? `check the ${role} user in manager.conf (secret, permit/deny) against pbx.ami.${role}` : 'check pbx.ami.address/port and that AMI listens there (manager.conf [general])';
        return { check: 'ami', target: where, status: 'fail', detail: `${role} login: ${(e as Error).message}`, fix, ms: elapsed(start) };
      }
      const ms = elapsed(start);
      try {
        const status = await allowed(client, { Action: 'CoreStatus' }, timeoutMs);
        const config = await allowed(client, { Action: 'GetConfig', Filename: PROBE_FILE }, timeoutMs);
        const problem = typeof status === 'object' ? status.error : typeof config === 'object' ? config.error : undefined;
        if (problem) return { check: 'ami', target: where, status: 'fail', detail: `${role}: logged in, then: ${problem}`, ms };
        if (!status) return { check: 'ami', target: where, status: 'fail', detail: `${role}: logged in in ${ms} ms, but CoreStatus is denied`, fix: `give ${user.user} write=reporting (monitoring) in manager.conf`, ms };
        if (role === 'admin') {
          return config
            ? { check: 'ami', target: where, status: 'ok', detail: `admin: logged in in ${ms} ms; may read configuration (voip apply also needs write=config for UpdateConfig)`, ms }
            : { check: 'ami', target: where, status: 'fail', detail: `admin: logged in in ${ms} ms, but GetConfig is denied`, fix: `give ${user.user} write=config,system in manager.conf (srw voip render writes it so)`, ms };
        }
        if (!config) return { check: 'ami', target: where, status: 'ok', detail: `monitor: logged in in ${ms} ms; least privilege (CoreStatus allowed, configuration denied)`, ms };
        return pbx.ami.mode === 'system'
          ? { check: 'ami', target: where, status: 'warn', detail: `monitor: logged in in ${ms} ms; mode system: it may read every configuration file, SIP passwords included`, fix: 'pbx.ami.mode least-privilege with write=reporting keeps it to monitoring', ms }
          : { check: 'ami', target: where, status: 'fail', detail: `monitor: logged in in ${ms} ms, but it may read configuration files (SIP passwords included): more than least privilege`, fix: `give ${user.user} write=reporting only in manager.conf (srw voip render writes it so)`, ms };
      } finally {
        await client.close().catch(() => undefined);
      }
    }),
  );
  return results;
}
