import { describe, expect, it } from 'vitest';
import { messageOf, parseAll } from '../../../voip/ami/frame.js';
import { REDACTED, redactMessage } from '../../../voip/ami/redact.js';
import { readTranscript } from './transcripts.js';

describe('redaction of secrets AMI sends in clear text', () => {
  it.each(['pjsipshowauths.txt', 'pjsipshowendpoint-201.txt', 'getconfig-pjsip.txt', 'getconfigjson-pjsip.txt', 'updateconfig-add-204-and-reload.txt'])('%s: no SIP password survives', (name) => {
    const msgs = parseAll(readTranscript(name)).flatMap((f) => (f.type === 'message' ? [f.message] : []));
    const raw = JSON.stringify(msgs.map((m) => m.headers));
    expect(raw).toMatch(/pass20\d/);
    const text = JSON.stringify(msgs.map((m) => redactMessage(m).headers));
    expect(text).not.toMatch(/pass20\d/);
    expect(text).toContain(REDACTED);
  });

  it('our own UpdateConfig: the Value-NNNNNN after Var-NNNNNN: password, and Login Secret/Key', () => {
    const m = redactMessage(messageOf([['Action', 'UpdateConfig'], ['Var-000011', 'password'], ['Value-000011', 's3cret!'], ['Var-000012', 'username'], ['Value-000012', '204'], ['Secret', 'x1'], ['Key', 'abc']]));
    expect(m.headers).toEqual([['Action', 'UpdateConfig'], ['Var-000011', 'password'], ['Value-000011', REDACTED], ['Var-000012', 'username'], ['Value-000012', '204'], ['Secret', REDACTED], ['Key', REDACTED]]);
  });
});
