// The connected UDP socket under every SNMP session: a throwing reply handler is contained,
// replies from another address never reach the handler, a bad host name fails the send.
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { AgentSocket } from '../../../monitoring/snmp/agent-socket.js';

const bound = async () => {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  return s;
};

describe('AgentSocket', () => {
  it('a reply handler that throws is reported to the hook, and the socket keeps working', async () => {
    const agent = await bound();
    agent.on('message', (m, r) => agent.send(m, r.port, r.address));
    const thrown: unknown[] = [];
    const sock = new AgentSocket('udp4', { refused: () => undefined, handlerThrew: (e) => thrown.push(e) });
    const got: string[] = [];
    sock.on('message', ((m: Buffer) => {
      got.push(m.toString());
      if (m.toString() === 'boom') throw new TypeError('library bug');
    }) as never);
    const send = (text: string) => new Promise<void>((ok, fail) => sock.send(Buffer.from(text), 0, text.length, agent.address().port, '127.0.0.1', (e) => (e ? fail(e) : ok())));
    await send('boom');
    await send('after');
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(['boom', 'after']);
    expect(thrown).toHaveLength(1);
    sock.close();
    agent.close();
  });

  it('drops datagrams from any address but the agent it is connected to', async () => {
    const agent = await bound();
    const stranger = await bound();
    agent.on('message', (_m, r) => {
      stranger.send(Buffer.from('spoofed'), r.port, r.address);
      agent.send(Buffer.from('genuine'), r.port, r.address);
    });
    const sock = new AgentSocket('udp4', { refused: () => undefined, handlerThrew: () => undefined });
    const got: string[] = [];
    sock.on('message', ((m: Buffer) => got.push(m.toString())) as never);
    await new Promise<void>((ok) => sock.send(Buffer.from('hi'), 0, 2, agent.address().port, '127.0.0.1', () => ok()));
    await new Promise((r) => setTimeout(r, 150));
    expect(got).toEqual(['genuine']);
    sock.close();
    agent.close();
    stranger.close();
  });

  it('a host name that does not resolve fails the send with the resolver error', async () => {
    const sock = new AgentSocket('udp4', { refused: () => undefined, handlerThrew: () => undefined });
    const err = await new Promise<Error | null>((ok) => sock.send(Buffer.from('x'), 0, 1, 161, 'no-such-host.invalid', (e) => ok(e)));
    expect((err as NodeJS.ErrnoException | null)?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
    sock.close();
  });
});
