import { connect, createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmiClient, type AmiClientOptions } from '../../../voip/ami/client.js';
import { AmiActionError, AmiAuthError, AmiConnectionError, AmiHeaderError, AmiTimeoutError } from '../../../voip/ami/errors.js';
import type { AmiMessage } from '../../../voip/ami/frame.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';

let sim: AmiSimulator;
const clients: AmiClient[] = [];
beforeAll(async () => {
  sim = await startAmiSimulator({ authFailDelayMs: 30 });
});
afterAll(() => sim.stop());
afterEach(async () => {
  sim.setFault(undefined);
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(o: Partial<AmiClientOptions> = {}): AmiClient {
  const c = new AmiClient({ host: '127.0.0.1', port: sim.port, username: 'monitor', secret: 'monitorpass', events: 'off', reconnect: { initialMs: 10, maxMs: 50 }, actionTimeoutMs: 2000, ...o });
  clients.push(c);
  return c;
}

const waitFor = (c: AmiClient, ev: string) => new Promise<unknown>((r) => c.once(ev, r));

describe('AmiClient against the simulator', () => {
  it.each([
    ['CR LF in a value', { Action: 'Ping', Note: 'x\r\nAction: Originate' }, /control character 0x0d/],
    ['bare LF', { Action: 'Ping', Note: 'x\nAction: Originate' }, /control character 0x0a/],
    ['NUL', { Action: 'Ping', Note: 'a\x00b' }, /control character 0x00/],
    ['ESC', { Action: 'Ping', Note: '\x1b[31m' }, /control character 0x1b/],
    ['DEL', { Action: 'Ping', Note: 'a\x7f' }, /control character 0x7f/],
    ['TAB', { Action: 'Ping', Note: 'a\tb' }, /control character 0x09/],
    ['colon in a name', { Action: 'Ping', 'X: y': 'z' }, /header name/],
    ['CRLF in a name', { Action: 'Ping', 'X\r\nAction': 'Originate' }, /header name/],
  ])('rejects %s before anything is sent', async (_what, action, msg) => {
    const out: AmiMessage[] = [];
    const c = client({ trace: (d, m) => d === 'out' && out.push(m) });
    await c.connect();
    const sent = out.length;
    const err = await c.action(action).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmiHeaderError);
    expect(String((err as Error).message)).toMatch(msg);
    expect(out.length).toBe(sent);
    await c.ping(); // the connection is unharmed
  });

  it('bad credentials: one clear error, state auth-failed, no reconnect storm', async () => {
    const before = sim.accepted();
    const c = client({ secret: 'wrong' });
    const err = await c.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmiAuthError);
    expect((err as Error).message).toBe('AMI login as "monitor" refused: Authentication failed (check pbx.ami user and secret, and manager.conf permit/deny)');
    expect((err as Error).message).not.toContain('wrong');
    expect(c.state).toBe('auth-failed');
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.accepted() - before).toBe(1);
  });

  it('logs in with the MD5 challenge by default: the secret never crosses the wire (login-md5-challenge.txt)', async () => {
    // Read the bytes the client writes off a plain TCP proxy in front of the simulator.
    const wire: Buffer[] = [];
    const proxy = createServer((inbound) => {
      const out = connect(sim.port, '127.0.0.1');
      inbound.on('data', (d) => (wire.push(d), out.write(d)));
      out.on('data', (d) => inbound.write(d));
      inbound.on('close', () => out.destroy());
      out.on('close', () => inbound.destroy());
      inbound.on('error', () => {});
      out.on('error', () => {});
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const viaProxy = client({ port: (proxy.address() as AddressInfo).port });
    await viaProxy.connect();
    expect(viaProxy.state).toBe('connected');
    expect(viaProxy.amiVersion).toBe('11.0.0');
    await viaProxy.close();
    proxy.close();
    const sent = Buffer.concat(wire).toString();
    expect(sent).not.toContain('monitorpass');
    expect(sent).not.toMatch(/^Secret:/m);
    // Same actions and header order as the recording (ActionIDs and the key differ).
    const shape = sent.replace(/ActionID: .*/g, 'ActionID: X').replace(/Key: [0-9a-f]{32}/, 'Key: K').split('\r\n\r\n').slice(0, 2);
    expect(shape).toEqual([
      'Action: Challenge\r\nActionID: X\r\nAuthType: MD5',
      'Action: Login\r\nActionID: X\r\nAuthType: MD5\r\nUsername: monitor\r\nKey: K\r\nEvents: off',
    ]);
  });

  it('plain login (md5: false) still works for a PBX that needs it', async () => {
    const c = client({ md5: false });
    await c.connect();
    expect(c.state).toBe('connected');
  });

  it('a list is collected until EventList: Complete; the empty-list-as-Error quirk gives []', async () => {
    const c = client();
    await c.connect();
    const eps = await c.action({ Action: 'PJSIPShowEndpoints' });
    expect(eps.events.map((e) => e.fields.objectname)).toEqual(['201', '202', '203']);
    expect(eps.complete?.fields.listitems).toBe('3');
    const contacts = await c.action({ Action: 'PJSIPShowContacts' });
    expect(contacts.events).toEqual([]);
    expect(contacts.response.fields.message).toBe('No Contacts found');
  });

  it('Command output as text; a CLI error and Permission denied are AmiActionErrors', async () => {
    const c = client();
    await c.connect();
    expect(await c.command('module reload res_pjsip.so')).toBe("Module 'res_pjsip.so' reloaded successfully.");
    await expect(c.command('core show nonsense')).rejects.toThrow(/No such command 'core show nonsense'/);
    const w = client({ username: 'watcher', secret: 'watcherpass' });
    await w.connect();
    const err = await w.action({ Action: 'GetConfig', Filename: 'pjsip.conf' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmiActionError);
    expect((err as Error).message).toBe('AMI action GetConfig failed: Permission denied');
  });

  it('a connection dropped mid-action fails that action clearly, then the client reconnects', async () => {
    const c = client();
    await c.connect();
    sim.failNth('CoreShowChannels', 1, 'drop');
    const back = waitFor(c, 'connected');
    const err = await c.action({ Action: 'CoreShowChannels' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmiConnectionError);
    expect((err as Error).message).toMatch(/^CoreShowChannels: AMI connection to 127\.0\.0\.1:\d+ lost before the answer was complete$/);
    expect(await back).toEqual({ reconnected: true });
    const r = await c.action({ Action: 'CoreShowChannels' });
    expect(r.complete?.fields.event).toBe('CoreShowChannelsComplete');
  });

  it('an unanswered action times out and the connection stays usable', async () => {
    const c = client({ actionTimeoutMs: 100 });
    await c.connect();
    sim.failNth('CoreStatus', 1, 'silence');
    await expect(c.action({ Action: 'CoreStatus' })).rejects.toBeInstanceOf(AmiTimeoutError);
    expect((await c.action({ Action: 'CoreStatus' })).response.fields.coreprocessedcalls).toBeDefined();
  });

  it('keepalive: an unanswered Ping drops and re-establishes the connection', async () => {
    const c = client({ keepaliveMs: 60, actionTimeoutMs: 40 });
    await c.connect();
    sim.failNth('Ping', 1, 'silence');
    expect(await waitFor(c, 'connected')).toEqual({ reconnected: true });
  });

  it('backoff grows exponentially with jitter while the PBX stays away', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const c = client({ port, reconnect: { initialMs: 10, maxMs: 40, factor: 2, jitter: 0.5 }, random: () => 1 });
    const delays: number[] = [];
    c.on('reconnecting', (r: { delayMs: number }) => delays.push(r.delayMs));
    const pending = c.connect().catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 250));
    await c.close();
    expect((await pending as Error).message).toBe('AMI client closed');
    // initial 10 ms × 2^n capped at 40, times (1 − 0.5 + 2·0.5·random()) with random() = 1.
    expect(delays.slice(0, 4)).toEqual([15, 30, 60, 60]);
  });

  it('Command output in the old format (Asterisk ≤ 13: Response: Follows … --END COMMAND--)', async () => {
    const old = createServer((sock) => {
      sock.write('Asterisk Call Manager/2.10.6\r\n');
      let text = '';
      sock.on('data', (c) => {
        text += c.toString();
        let end: number;
        while ((end = text.indexOf('\r\n\r\n')) >= 0) {
          const msg = text.slice(0, end);
          text = text.slice(end + 4);
          const id = /ActionID: (.*)/.exec(msg)?.[1] ?? '';
          if (/Action: Login/.test(msg)) sock.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
          else if (/Action: Command/.test(msg)) sock.write(`Response: Follows\r\nPrivilege: Command\r\nActionID: ${id}\r\nChannel   Location\n\n0 active channels\n--END COMMAND--\r\n\r\n`);
          else sock.write(`Response: Goodbye\r\nActionID: ${id}\r\n\r\n`);
        }
      });
      sock.on('error', () => {});
    });
    await new Promise<void>((r) => old.listen(0, '127.0.0.1', r));
    const c = client({ port: (old.address() as AddressInfo).port });
    await c.connect();
    expect(c.amiVersion).toBe('2.10.6');
    expect(await c.command('core show channels')).toBe('Channel   Location\n\n0 active channels');
    await c.close();
    await new Promise((r) => old.close(r));
  });

  it('secrets never reach the trace (GetConfig passwords, Login secret)', async () => {
    const lines: string[] = [];
    const c = client({ trace: (_d, m) => lines.push(JSON.stringify(m.headers)) });
    await c.connect();
    const r = await c.action({ Action: 'GetConfig', Filename: 'pjsip.conf' });
    expect(JSON.stringify(r.response.headers)).toContain('password=pass201');
    const all = lines.join('\n');
    expect(all).not.toContain('pass201');
    expect(all).not.toContain('monitorpass');
    expect(all).toContain('password=<redacted>');
  });

  it('events from other sessions reach listeners; our list items do not', async () => {
    const c = client({ events: 'on' });
    const names: string[] = [];
    c.on('event', (e: AmiMessage) => names.push(e.fields.event ?? ''));
    await c.connect();
    await c.action({ Action: 'DeviceStateList' });
    sim.model.register('201');
    await c.ping();
    expect(names).not.toContain('DeviceStateListComplete');
    expect(names).toContain('ContactStatus');
    sim.model.unregister('201');
  });
});
