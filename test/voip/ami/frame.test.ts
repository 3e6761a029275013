import { describe, expect, it } from 'vitest';
import { createFrameReader, field, fieldsAll, parseAll, type Frame } from '../../../voip/ami/frame.js';
import { readTranscript, transcriptNames } from './transcripts.js';

const names = transcriptNames();

function nearLineEnd(b: Buffer, k: number): boolean {
  for (let i = Math.max(0, k - 3); i < Math.min(b.length, k + 3); i++) if (b[i] === 10 || b[i] === 13) return true;
  return false;
}

function feed(chunks: Buffer[]): Frame[] {
  const r = createFrameReader();
  return chunks.flatMap((c) => r.push(c));
}

describe('frame parser on the recorded Asterisk 22.10.1 sessions', () => {
  it('finds the recordings', () => expect(names.length).toBeGreaterThanOrEqual(50));

  it.each(names)('%s: every two-chunk split and one-byte chunks give the one-chunk frames', (name) => {
    const bytes = readTranscript(name);
    const whole = parseAll(bytes);
    expect(whole[0]).toEqual({ type: 'banner', text: 'Asterisk Call Manager/11.0.0' });
    // Every recording is a complete session: nothing may be left half-parsed.
    const r = createFrameReader();
    r.push(bytes);
    expect(r.pending()).toBe(0);
    // Exhaustive two-chunk splits are O(n²): every k for normal files, and for the few large
    // event recordings every k around each line end (where the traps are) plus a stride.
    const exhaustive = bytes.length <= 6000;
    for (let k = 1; k < bytes.length; k++) {
      if (!exhaustive && k % 97 !== 0 && !nearLineEnd(bytes, k)) continue;
      const split = feed([bytes.subarray(0, k), bytes.subarray(k)]);
      if (split.length !== whole.length) expect({ k, split }).toEqual({ k, split: whole });
    }
    const bytewise = feed([...bytes].map((b) => Buffer.from([b])));
    expect(bytewise).toEqual(whole);
    // No message is empty and none lost its first header.
    for (const f of whole.slice(1)) {
      expect(f.type).toBe('message');
      if (f.type === 'message') expect(field(f.message, 'Response') ?? field(f.message, 'Event')).toBeDefined();
    }
  });
});

describe('protocol traps', () => {
  const messages = (name: string) => parseAll(readTranscript(name)).flatMap((f) => (f.type === 'message' ? [f.message] : []));

  it('banner has no blank line after it: the login response is the next frame', () => {
    const [banner, first] = parseAll(readTranscript('login-success.txt'));
    expect(banner).toEqual({ type: 'banner', text: 'Asterisk Call Manager/11.0.0' });
    expect(first?.type === 'message' && field(first.message, 'Message')).toBe('Authentication accepted');
  });

  it('bare LF inside a value does not end the message early or make an empty one', () => {
    const msgs = messages('pjsipshowcontacts-none.txt');
    expect(msgs.map((m) => field(m, 'ActionID'))).toEqual(['login-1', 'contacts-none', 'logoff-1']);
    expect(field(msgs[1]!, 'Message')).toBe('No Contacts found');
    expect(field(messages('pjsipshowendpoint-unknown.txt')[1]!, 'message')).toBe('Unable to retrieve endpoint 999');
  });

  it('Command output since 14: one Output header per CLI line, empty lines and trailing spaces kept', () => {
    const msgs = messages('command-pjsip-show-endpoints.txt');
    const out = fieldsAll(msgs[1]!, 'Output');
    expect(out.length).toBeGreaterThan(10);
    expect(out).toContain('');
    expect(out).toContain(' Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>');
    const idle = fieldsAll(messages('command-core-show-channels-idle.txt')[1]!, 'Output');
    expect(idle[0]!.endsWith('Application(Data)             ')).toBe(true);
    expect(idle.slice(1)).toEqual(['0 active channels', '0 active calls', '0 calls processed']);
  });

  it('old Command format: Response: Follows, raw text with blank lines, --END COMMAND--', () => {
    const wire =
      'Asterisk Call Manager/1.1\r\n' +
      'Response: Follows\r\nPrivilege: Command\r\nActionID: c1\r\n' +
      'Channel              Location\n\nPJSIP/201-0001  s@lab:1\n1 active channel\n--END COMMAND--\r\n\r\n' +
      'Response: Success\r\nActionID: p1\r\nPing: Pong\r\n\r\n';
    const bytes = Buffer.from(wire);
    const whole = parseAll(bytes);
    for (let k = 1; k < bytes.length; k++) expect(feed([bytes.subarray(0, k), bytes.subarray(k)])).toEqual(whole);
    const m = whole[1]!.type === 'message' ? whole[1]!.message : undefined;
    expect(field(m!, 'ActionID')).toBe('c1');
    expect(m!.followsText).toEqual(['Channel              Location', '', 'PJSIP/201-0001  s@lab:1', '1 active channel']);
    expect(whole[2]?.type === 'message' && field(whole[2].message, 'Ping')).toBe('Pong');
  });

  it('header order is not stable: Status items put ActionID last, lookups do not care', () => {
    const item = messages('status-during-call.txt').find((m) => field(m, 'Event') === 'Status')!;
    expect(item.headers.at(-1)).toEqual(['ActionID', 'status-1']);
    expect(field(item, 'actionid')).toBe('status-1');
    expect(field(item, 'Privilege')).toBe('Call');
  });

  it('repeated Category/Line headers of GetConfig stay in order (two [201] sections)', () => {
    const m = messages('getconfig-pjsip-category-201.txt')[1]!;
    expect(fieldsAll(m, 'Category-000000')).toEqual(['201']);
    expect(field(m, 'Category-000001')).toBe('201');
  });

  it('multi-byte UTF-8 split across chunks decodes once the message is whole', () => {
    const bytes = Buffer.from('Asterisk Call Manager/11.0.0\r\nEvent: X\r\nName: Ewa Wiśniewska\r\n\r\n');
    const at = bytes.indexOf(0xc5) + 1;
    const frames = feed([bytes.subarray(0, at), bytes.subarray(at)]);
    expect(frames[1]?.type === 'message' && field(frames[1].message, 'Name')).toBe('Ewa Wiśniewska');
  });
});
