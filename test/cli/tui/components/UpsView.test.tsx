// The UPS view: where the load is fed from (bypass is not "on mains", in words, symbol and
// colour), every phase, battery, temperatures and probes.
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { UpsView } from '../../../../cli/tui/components/UpsView.js';
import { I18nProvider, type Lang } from '../../../../cli/tui/i18n/index.js';
import { ThemeProvider } from '../../../../cli/tui/theme.js';
import type { DeviceFocus } from '../../../../cli/tui/screen.js';
import type { UpsStatus } from '../../../../monitoring/model/device.js';
import { upsSnap, upsStatus } from '../fixtures.js';

// Colour on for this file (chalk reads FORCE_COLOR when it loads, before any import below runs).
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});
afterAll(() => {
  delete process.env.FORCE_COLOR;
});

function frame(ups: UpsStatus, opts: { lang?: Lang; color?: boolean } = {}): string {
  const device = upsSnap('ups-2', { ups, entity: { firmware: 'INV: 01.16.4638' } });
  const focus = { device, health: { health: 'up', reasons: [] }, index: 0, count: 1 } as unknown as DeviceFocus;
  const r = render(
    <I18nProvider lang={opts.lang ?? 'en'}>
      <ThemeProvider color={opts.color ?? false}>
        <UpsView focus={focus} width={100} />
      </ThemeProvider>
    </I18nProvider>,
  );
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f;
}

const threePhase = upsStatus({
  outputSource: 'bypass',
  outputStatus: 'bypass',
  source: 'ups-mib',
  loadPercent: 14,
  inputLines: [
    { line: 1, voltage: 231, frequencyHz: 50 },
    { line: 2, voltage: 0, frequencyHz: 50 },
    { line: 3, voltage: 232, frequencyHz: 50 },
  ],
  outputLines: [2, 14, 2].map((load, k) => ({ line: k + 1, voltage: 230, current: 1.7, loadPercent: load, frequencyHz: 50 })),
  bypassLines: [1, 2, 3].map((line) => ({ line, voltage: 227 })),
  batteryVoltage: 54.7,
  batteryCurrent: 0,
  batteryTemperatureC: 23.4,
  batteryReplace: true,
  probes: [{ name: 'Equipment Room', temperatureC: 20, humidityPercent: 45 }],
});

describe('UpsView', () => {
  it('a three-phase UPS on bypass: says so, every phase, the worst load, battery, probes', () => {
    const f = frame(threePhase);
    expect(f).toContain('⇄! ON BYPASS: load unprotected (bypass)');
    expect(f).not.toContain('on mains');
    expect(f).toMatch(/load\s+14%/);
    expect(f).toMatch(/input\s+L1 231 V   L2 0 V   L3 232 V  50\.0 Hz/);
    expect(f).toMatch(/output\s+L1 230 V  1\.7 A  2%   L2 230 V  1\.7 A  14%   L3 230 V  1\.7 A  2%  50\.0 Hz/);
    expect(f).toMatch(/bypass\s+L1 227 V   L2 227 V   L3 227 V/);
    expect(f).toMatch(/battery\s+54\.7 V  0 A  23\.4 °C  normal replace!/);
    expect(f).toMatch(/probes\s+Equipment Room  20\.0 °C  45%/);
    expect(f).toMatch(/MIB\s+ups-mib  firmware INV: 01\.16\.4638/);
  });

  it.each([
    { source: 'normal', status: 'onLine', text: '⚡ on mains (onLine)' },
    { source: 'battery', status: 'onBattery', text: '⚡✗ ON BATTERY (onBattery)' },
    { source: 'reducer', status: 'onSmartTrim', text: '⚡↓ on mains, trimming high voltage (onSmartTrim)' },
    { source: 'none', status: 'off', text: '■ OUTPUT OFF (off)' },
  ] as const)('$source: "$text"', ({ source, status, text }) => {
    expect(frame(upsStatus({ outputSource: source, outputStatus: status }))).toContain(text);
  });

  it('a single-phase UPS shows its line without a phase number', () => {
    expect(frame(upsStatus())).toMatch(/input\s+231 V  50\.0 Hz/);
  });

  it('speaks Polish', () => {
    expect(frame(threePhase, { lang: 'pl' })).toContain('NA BYPASSIE: odbiory bez ochrony');
  });

  it('colours bypass red and mains green', () => {
    const red = '\u001b[31m';
    const green = '\u001b[32m';
    const bypass = frame(threePhase, { color: true });
    const mains = frame(upsStatus(), { color: true });
    expect(bypass).toContain(`${red}⇄! ON BYPASS`);
    expect(mains).toContain(`${green}⚡ on mains`);
    expect(mains).not.toContain(red);
  });
});
