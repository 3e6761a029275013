// Why AmiClient does not sit on asterisk-manager 0.2.0's transport (voip/README.md): each case
// shows the library's behaviour on recorded bytes next to ours. If an upgrade fixes a gap, the
// matching case fails and the decision can be revisited.
import { createRequire } from 'node:module';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAll } from '../../../voip/ami/frame.js';
import { AmiClient } from '../../../voip/ami/client.js';
import { readTranscript } from './transcripts.js';

type Manager = EventEmitter & { connect(port: number, host: string, cb?: () => void): void; disconnect(): void; action(a: Record<string, string>, cb?: (err: unknown, res: unknown) => void): string; login(cb?: (err: unknown) => void): void };
const AsteriskManager = createRequire(import.meta.url)('asterisk-manager') as (port?: number, host?: string, user?: string, pass?: string, events?: boolean) => Manager;

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A fake PBX that records what the client wrote and answers with `reply(received)`. */
async function fakePbx(onData: (s: Socket, text: string) => void, greeting = ''): Promise<{ port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  server = createServer((s) => {
    sockets.push(s);
    let text = '';
    s.write(greeting);
    s.on('data', (c) => onData(s, (text += c.toString())));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, sockets };
}

const settle = (ms = 80) => new Promise((r) => setTimeout(r, ms));

describe('asterisk-manager 0.2.0 gaps', () => {
  it('bare LF in a value (pjsipshowcontacts-none.txt): it emits an extra empty message; frame.ts does not', async () => {
    const bytes = readTranscript('pjsipshowcontacts-none.txt');
    const { port, sockets } = await fakePbx(() => {}, bytes.toString('latin1'));
    const m = AsteriskManager();
    const unknown: unknown[] = [];
    m.on('asterisk', (e: Record<string, unknown>) => !e.response && unknown.push(e));
    m.connect(port, '127.0.0.1');
    await settle();
    m.disconnect();
    sockets.forEach((s) => s.destroy());
    expect(unknown).toEqual([{}]);
    expect(parseAll(bytes).filter((f) => f.type === 'message')).toHaveLength(3);
  });

  it('login asks for events with `Event:`, which Asterisk ignores (it reads `Events:`)', async () => {
    let written = '';
    const { port, sockets } = await fakePbx((s, text) => {
      written = text;
      const id = /ActionID: (.*)\r\n/.exec(text)?.[1];
      if (id && text.endsWith('\r\n\r\n')) s.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
    }, 'Asterisk Call Manager/11.0.0\r\n');
    const m = AsteriskManager(port, '127.0.0.1', 'watcher', 'watcherpass', false);
    await settle();
    m.disconnect();
    sockets.forEach((s) => s.destroy());
    expect(written).toMatch(/^Event: off\r$/m);
    expect(written).not.toMatch(/^Events:/m);
  });

  it('values go to the wire unchecked: a CR LF in a value injects a whole Originate', async () => {
    let written = '';
    const { port, sockets } = await fakePbx((s, text) => {
      written = text;
      const id = /ActionID: (.*)\r\n/.exec(text)?.[1];
      if (/Action: Login/i.test(text) && id && !text.includes('Ping')) s.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
    }, 'Asterisk Call Manager/11.0.0\r\n');
    const m = AsteriskManager(port, '127.0.0.1', 'u', 'p', false);
    await settle(40);
    m.action({ action: 'Ping', note: 'x\r\n\r\nAction: Originate\r\nChannel: PJSIP/201\r\nExten: 600' });
    await settle(40);
    m.disconnect();
    sockets.forEach((s) => s.destroy());
    expect(written).toContain('\r\n\r\nAction: Originate\r\nChannel: PJSIP/201\r\n');
    const ours = new AmiClient({ host: '127.0.0.1', port: 1, username: 'u', secret: 'p' });
    await expect(ours.action({ Action: 'Ping', Note: 'x\r\n\r\nAction: Originate' })).rejects.toThrow(/control character 0x0d/);
  });

  it('an action pending when the connection drops never settles', async () => {
    const { port, sockets } = await fakePbx((s, text) => {
      const ids = [...text.matchAll(/ActionID: (.*)\r\n/g)].map((x) => x[1]);
      if (ids.length === 1 && text.endsWith('\r\n\r\n')) s.write(`Response: Success\r\nActionID: ${ids[0]}\r\nMessage: Authentication accepted\r\n\r\n`);
      if (ids.length === 2) s.destroy(); // drop while CoreStatus is pending
    }, 'Asterisk Call Manager/11.0.0\r\n');
    const m = AsteriskManager(port, '127.0.0.1', 'u', 'p', false);
    await settle(40);
    let settled = false;
    m.action({ action: 'CoreStatus' }, () => (settled = true));
    await settle(150);
    m.disconnect();
    sockets.forEach((s) => s.destroy());
    expect(settled).toBe(false);
  });
});
