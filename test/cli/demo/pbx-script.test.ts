import { afterEach, describe, expect, it, vi } from 'vitest';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { PbxScript } from '../../../cli/demo/pbx-script.js';
import { labDialplanConf, parseConf } from '../../../voip/lab/config-file.js';
import { simQueues } from '../../../voip/lab/queues.js';

const EXT = ['201', '202', '211', '212', '213', '221', '222', '231', '232', '241', '242', '251'];

afterEach(() => vi.useRealTimers());

describe('the demo PBX script', () => {
  it('registers phones, then keeps calls coming and going without ever exceeding the call limit', () => {
    vi.useFakeTimers();
    const model = new PbxModel({ extensions: EXT, now: () => Date.now() });
    const script = new PbxScript(model, { extensions: EXT, maxCalls: 3, seed: 42 });
    script.prepare();
    expect([...model.trunks.values()].map((t) => t.status)).toEqual(['Registered']);
    script.start();
    vi.advanceTimersByTime(2000);
    expect(model.contacts.size).toBe(EXT.length - 2); // the last two come later
    let maxChannels = 0;
    let sawCall = false;
    for (let s = 0; s < 600; s++) {
      vi.advanceTimersByTime(1000);
      maxChannels = Math.max(maxChannels, model.channels.size);
      if (model.channels.size > 0) sawCall = true;
    }
    expect(sawCall).toBe(true);
    expect(maxChannels).toBeLessThanOrEqual(2 * 3);
    expect(model.processedCalls).toBeGreaterThan(5);
    script.stop();
    const before = model.channels.size;
    vi.advanceTimersByTime(120_000);
    expect(model.channels.size).toBe(before); // stopped means stopped: no timer fires any more
  });
});

describe("the demo's queue for the citizens' service office", () => {
  it('outside callers join, the head of the queue is answered by a free registered member or gives up, and never more than four wait', () => {
    vi.useFakeTimers();
    const queuesConf = '[srw-bom]\nstrategy = rrmemory\nmember = PJSIP/211,0,A,PJSIP/211\nmember = PJSIP/212,0,B,PJSIP/212\nmember = PJSIP/213,0,C,PJSIP/213\n';
    const model = new PbxModel({ extensions: EXT, now: () => Date.now(), files: { 'extensions.conf': labDialplanConf(EXT), 'queues.conf': parseConf(queuesConf) } });
    const queues = simQueues(model);
    const script = new PbxScript(model, {
      extensions: EXT,
      seed: 7,
      queue: { name: 'srw-bom', members: ['211', '212', '213'], from: 'operator', queues, hangupChannel: (n) => void model.hangupChannel(n) },
    });
    script.prepare();
    script.start();
    let maxWaiting = 0;
    let sawWaiting = false;
    let sawInCall = false;
    for (let s = 0; s < 900; s++) {
      vi.advanceTimersByTime(1000);
      const q = queues.get('srw-bom')!;
      maxWaiting = Math.max(maxWaiting, q.callers.length);
      if (q.callers.length > 0) sawWaiting = true;
      if (q.members.some((m) => m.starttime)) sawInCall = true;
    }
    const q = queues.get('srw-bom')!;
    expect(sawWaiting).toBe(true);
    expect(sawInCall).toBe(true);
    expect(q.completed).toBeGreaterThan(3);
    expect(maxWaiting).toBeLessThanOrEqual(4);
    script.stop();
  });
});
