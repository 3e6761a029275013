import { afterEach, describe, expect, it, vi } from 'vitest';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { PbxScript } from '../../../cli/demo/pbx-script.js';

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
