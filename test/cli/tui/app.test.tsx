import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp } from './render-app.js';
import { labState, port, switchSnap } from './fixtures.js';

afterEach(() => cleanup());

const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('srw watch dashboard', () => {
  it('opens on the overview with every device and the PBX, worst first, counts at the top', async () => {
    const h = await renderApp();
    const f = h.screen();
    expect(f).toContain('Urząd Miejski');
    expect(f).toContain('✓ 4 up');
    expect(f).not.toContain('0 down');
    // sw-parter has a down port but answers: it is up with 23/24 ports up.
    expect(f).toMatch(/sw-parter\s+switch\s+up\s+2s ports 23\/24/);
    expect(f).toMatch(/ups-1\s+UPS\s+up\s+1s battery 100% \| on mains/);
    expect(f).toMatch(/pbx\s+PBX\s+up\s+phones 2\/3 \| calls 1/);
  });

  it('a device that stops answering moves to the top as down and the count follows', async () => {
    const h = await renderApp();
    const s = labState();
    s.devices[0] = { ...s.devices[0]!, status: 'timeout', reason: 'no response after 1 retry', polledAt: s.updatedAt };
    h.monitoring.set({ ...s, updatedAt: s.updatedAt + 1 });
    await h.press();
    const f = h.screen();
    expect(f).toContain('✗ 1 down');
    const rows = f.split('\n').filter((l) => /^[ ›][✓✗▲…] /.test(l));
    expect(rows[0]).toMatch(/✗ core-1\s+switch\s+down\s+2s no answer/);
  });

  it('a down port shows as down in the grid, in the list and in the overview port count', async () => {
    const h = await renderApp();
    expect(h.screen()).toContain('ports 23/24');
    await h.press('/', 'p', 'a', 'r', KEY.enter);
    expect(h.screen().split('\n').filter((l) => /^[ ›][✓✗▲…] /.test(l))).toHaveLength(1);
    expect(selectedLine(h.screen())).toContain('sw-parter');
    await h.press(KEY.enter);
    const f = h.screen();
    expect(f).toContain('[Switches]');
    expect(f).toContain('sw-parter');
    // grid: port 5 is the fifth cell of the first line
    const grid = f.split('\n').find((l) => /^[○▄█!✗-] [○▄█!✗-] /.test(l)) ?? '';
    expect(grid.replace(/ /g, '').slice(0, 6)).toBe('○○○○✗○');
    expect(f).toMatch(/✗Gi1\/0\/5\s+Pokój 12/);
  });

  it('Tab goes through the views and h/l switch device; Enter opens port detail, Esc goes back', async () => {
    const h = await renderApp();
    await h.press(KEY.tab);
    expect(h.screen()).toContain('[Switches]');
    expect(h.screen()).toContain('◀ 1/2 ▶ core-1');
    await h.press('l');
    expect(h.screen()).toContain('◀ 2/2 ▶ sw-parter');
    await h.press('h');
    expect(h.screen()).toContain('◀ 1/2 ▶ core-1');
    await h.press('G'); // unknown keys change nothing
    await h.press(KEY.up); // stays on the first port
    for (let i = 0; i < 47; i++) await h.press('j');
    expect(selectedLine(h.screen())).toMatch(/Gi1\/0\/48\s+uplink cor.*core-2 1\/1\/4/);
    await h.press(KEY.enter);
    expect(h.screen()).toContain('Port ○ Gi1/0/48 (ifIndex 48) — up, idle');
    expect(h.screen()).toMatch(/neighbour\s+core-2 1\/1\/48 \(uplink\)/);
    await h.press(KEY.esc);
    expect(h.screen()).not.toContain('ifIndex 48');
    await h.press(KEY.tab);
    expect(h.screen()).toContain('[UPS]');
    expect(h.screen()).toContain('on mains');
    expect(h.screen()).toMatch(/runtime\s+40m00s/);
    await h.press(KEY.tab);
    expect(h.screen()).toContain('[PBX]');
    await h.press(KEY.backspace);
    expect(h.screen()).toContain('[Overview]');
  });

  it('/ filters the list and the selection moves to the first match', async () => {
    const h = await renderApp();
    await h.press(KEY.tab, '/', '4', '7');
    let f = h.screen();
    expect(f).toContain('/47▏');
    expect(selectedLine(f)).toContain('Gi1/0/47');
    expect(f).not.toContain('Gi1/0/46');
    await h.press(KEY.enter);
    expect(h.screen()).toContain('filter: 47');
    await h.press(KEY.enter);
    expect(h.screen()).toContain('Port ○ Gi1/0/47');
    await h.press(KEY.esc, KEY.esc);
    f = h.screen();
    expect(f).not.toContain('filter: 47');
    expect(f).toContain('Gi1/0/46');
  });

  it('s changes the sort order of the port list', async () => {
    const state = labState();
    state.devices[0] = switchSnap('core-1', [port(1), port(2, { utilisation: 0.95, inBps: 9.5e8 }), port(3, { operStatus: 'down' })]);
    const h = await renderApp({ state });
    await h.press(KEY.tab);
    expect(selectedLine(h.screen())).toContain('Gi1/0/1');
    await h.press('s');
    expect(h.screen()).toContain('sort: load');
    expect(selectedLine(h.screen())).toContain('Gi1/0/1'); // the selection stays on the same port
    const list = h.screen().split('\n').filter((l) => /Gi1\/0\/\d/.test(l));
    expect(list[0]).toMatch(/█Gi1\/0\/2/);
    await h.press('s', 's');
    expect(h.screen()).toContain('sort: state');
    expect(h.screen().split('\n').filter((l) => /Gi1\/0\/\d/.test(l))[0]).toMatch(/✗Gi1\/0\/3/);
  });

  it('PBX view: extensions by department with registration and contact, trunks, calls with duration', async () => {
    const h = await renderApp();
    await h.press(KEY.tab, KEY.tab, KEY.tab);
    const f = h.screen();
    expect(f).toContain('Trunks: ✓ operator registered');
    expect(f).toMatch(/☎\s+1m05s\s+201 Anna Kowalska → 301 Ewa Wiśniewska/);
    // grouped by department: Podatki (301) before Sekretariat (201, 202)
    const lines = f.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/── Podatki/)).toBeGreaterThan(0);
    expect(at(/☎301\s+Ewa Wiśniewska\s+in call\s+10\.40\.0\.131:5060/)).toBe(at(/── Podatki/) + 1);
    expect(at(/── Sekretariat/)).toBe(at(/── Podatki/) + 2);
    expect(f).toMatch(/☎201\s+Anna Kowalska\s+in call\s+10\.40\.0\.101:5060/);
    expect(f).toMatch(/✗202\s+Jan Nowak\s+not registered/);
  });

  it('speaks Polish with lang pl', async () => {
    const h = await renderApp({ lang: 'pl' });
    let f = h.screen();
    expect(f).toContain('[Przegląd]');
    expect(f).toContain('✓ 4 działa');
    expect(f).toContain('4 urządzenia'); // not "4 urządzeń"
    expect(f).toMatch(/sw-parter\s+przełącznik\s+działa\s+2s porty 23\/24/);
    await h.press('?');
    expect(h.screen()).toContain('Klawisze');
    await h.press(KEY.esc, KEY.tab, KEY.tab, KEY.tab);
    f = h.screen();
    expect(f).toContain('Łącza: ✓ operator zarejestrowane');
    expect(f).toContain('niezarejestrowany');
  });

  // Escape codes themselves are checked in test/e2e/demo-tmux.test.ts: inside vitest stdout is
  // not a terminal, so Ink never colours and an in-process "no escape codes" check could not fail.
  it('without colour every state still reads from its symbol', async () => {
    const h = await renderApp({ color: false });
    await h.press(KEY.tab, 'l');
    const f = h.screen();
    expect(f).toContain('○ up, idle  ▄ busy  █ saturated  ! erroring  ✗ down  - admin down');
  });

  it('q quits', async () => {
    const h = await renderApp();
    await h.press('q');
    const before = h.frames.length;
    await h.press('j');
    expect(h.frames.length).toBe(before);
  });
});

describe('typed fast', () => {
  it('a chunk of characters (fast typing, paste) is handled key by key', async () => {
    const h = await renderApp();
    await h.press(KEY.tab);
    await h.press('/47');
    expect(h.screen()).toContain('/47▏');
    expect(selectedLine(h.screen())).toContain('Gi1/0/47');
  });
});
