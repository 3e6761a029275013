// Temp copies of the example inventory: tests edit copies, never examples/starachowice.yaml.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const EXAMPLE = resolve(repoRoot, 'examples/starachowice.yaml');
/**
 * The example without its call flows (the last part of its pbx section): these tests remove,
 * rename and un-voicemail extensions freely, and the call flows would rightly refuse that for the
 * ones they route to. The call flows have their own tests (test/voip/callflows).
 */
export const exampleText = (): string => readFileSync(EXAMPLE, 'utf8').replace(/\n {2}# --- Call flows[\s\S]*$/, '\n');

export type Sandbox = { dir: string; inv: string; read: () => string; cleanup: () => void };

export function sandbox(text?: string): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'srw-ext-'));
  const inv = join(dir, 'inventory.yaml');
  writeFileSync(inv, text ?? exampleText());
  return { dir, inv, read: () => readFileSync(inv, 'utf8'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment for the example's AMI and trunk secret references. */
export const exampleEnv = { SRW_AMI_MONITOR_SECRET: 'monitor-secret-x1', SRW_AMI_ADMIN_SECRET: 'admin-secret-x2', SRW_TRUNK_SECRET: 'trunk-secret-x3' };

/** The example without its trunk's inbound route, for tests that replace the extension list
 *  (the route rings 201 and 202, which those lists may not have). */
export const exampleWithoutInbound = (): string => exampleText().replace(/^ +inbound: .*\n/m, '');

/** The example with its extension list rewritten in block style (- number: …\n  name: …). */
export function blockStyleExample(): string {
  const text = exampleWithoutInbound();
  const cut = text.indexOf('  extensions:\n');
  return (
    text.slice(0, cut) +
    '  extensions:\n' +
    '    - number: 201\n      name: "Anna Kowalska"\n      department: "Sekretariat"\n      voicemail: true\n' +
    '    # reception\n' +
    '    - number: 205\n      name: Portiernia\n      department: Recepcja\n'
  );
}
