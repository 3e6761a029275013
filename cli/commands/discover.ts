// `srw discover CIDR…`: finds the SNMP agents of a management network with the credentials the
// inventory already holds, shows what each is, and with --write adds the new ones to the
// inventory. A thin adapter over monitoring/discover: options, secrets resolved at the moment of
// use, the table, and the locked, atomic write (the same lock as `srw voip ext add`).
import type { Command } from 'commander';
import { ProblemError, readInventoryText, writeFileAtomic, type Problem } from '../../infra/inventory/index.js';
import { resolveCredentials } from '../../monitoring/index.js';
import { addDiscovered, addressesOf, credentialCandidates, knownDevices, scan, SCAN_DEFAULTS, withoutSameValues, type ResolvedCandidate, type ScanReport, type ScanResult, type WriteOutcome } from '../../monitoring/discover/index.js';
import { withFileLock } from '../../voip/extensions/edit-lock.js';
import { recordChange } from '../audit-trail.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson, printProblems, type Output } from '../report.js';
import { terminalLine } from '../terminal-text.js';
import { parseSeconds } from '../duration.js';

type Flags = { write?: boolean; json?: boolean; all?: boolean; force?: boolean; port: string; timeout: string; retries: string; concurrency: string; deviceTimeout: string; totalTimeout: string };

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new ExitError(EXIT_BAD_INPUT, `error: ${flag} expects a whole number ${min}–${max}, found "${value}"`);
  return n;
}

const where = (c: ResolvedCandidate) => `${c.path[0]}[${c.path[1]}] ${c.device}`;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function row(r: ScanResult): string[] {
  const inv = r.known ? `known: ${r.known.name}` : '';
  if (r.status !== 'found') return [r.address, r.status, '', '', '', '', '', '', r.reason, inv];
  const f = r.facts;
  const lldp = f.lldpNeighbours.length === 0 ? '' : f.lldpNeighbours.length <= 2 ? f.lldpNeighbours.join(',') : `${f.lldpNeighbours.slice(0, 2).join(',')} +${f.lldpNeighbours.length - 2}`;
  return [r.address, 'found', f.sysName ?? '', f.type, f.vendor ?? '', f.model ?? '', f.ports === undefined ? '' : String(f.ports), lldp, `${where(r.credential)} (v${r.credential.settings.version})`, inv || 'new'];
}

const HEAD = ['ADDRESS', 'STATUS', 'SYSNAME', 'TYPE', 'VENDOR', 'MODEL', 'PORTS', 'LLDP', 'CREDENTIAL / REASON', 'INVENTORY'];
const WIDTH = [15, 11, 24, 6, 18, 32, 5, 30, 60, 24];

function printTable(rows: string[][], o: Output): void {
  // Device text goes through terminalLine per cell: a newline in a sysName must not break the table.
  const cells = [HEAD, ...rows].map((r) => r.map((c, i) => clip(terminalLine(c), WIDTH[i]!)));
  const w = HEAD.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  for (const r of cells) o.out(r.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd() + '\n');
}

function jsonResult(r: ScanResult) {
  const base = { address: r.address, status: r.status, ms: r.ms, ...(r.known ? { inventory: { path: r.known.path, name: r.known.name } } : {}) };
  if (r.status !== 'found') return { ...base, reason: r.reason };
  return { ...base, ...r.facts, credential: { path: r.credential.path, device: r.credential.device, label: r.credential.label } };
}

function counts(report: ScanReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of report.results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

export function registerDiscover(program: Command): void {
  program
    .command('discover')
    .description('find the SNMP agents of management networks with the credentials of the inventory (v3 users first, then v2c communities) and show vendor, model, name, ports, switch or UPS and LLDP neighbours; --write adds the new ones to the inventory')
    .argument('<cidr...>', 'networks to scan, such as 10.10.0.0/24 (a bare address is one host)')
    .option('--write', 'add the devices not in the inventory yet to switches:/upses: (comments and layout kept, locked, atomic)')
    .option('--json', 'print the result as JSON')
    .option('--all', 'list silent and unreachable addresses in the table too')
    .option('--port <port>', 'UDP port of the agents', String(SCAN_DEFAULTS.port))
    .option('--timeout <seconds>', 'per SNMP request (a unit may be given: 500ms, 2s)', `${SCAN_DEFAULTS.timeoutMs / 1000}`)
    .option('--retries <n>', 'times a request is sent again after a timeout', String(SCAN_DEFAULTS.retries))
    .option('--concurrency <n>', 'addresses probed at once', String(SCAN_DEFAULTS.concurrency))
    .option('--device-timeout <seconds>', 'longest one address may take (credentials and identification)', `${SCAN_DEFAULTS.deviceTimeoutMs / 1000}`)
    .option('--total-timeout <seconds>', 'longest the whole scan may take; addresses left are reported as cancelled', `${SCAN_DEFAULTS.totalTimeoutMs / 1000}`)
    .option('--force', 'scan more than a /16 (65536 addresses)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ srw discover 10.10.0.0/24\n  $ srw discover 10.10.0.0/24 10.10.1.0/26 --json\n  $ srw discover 10.10.0.0/24 --write && srw validate\n\nOnly the credentials of the inventory are tried (by reference; values are never printed). A wrong v2c\ncommunity gets no answer, so such a device shows as silent; SNMPv3 agents answer a wrong user or key.',
    )
    .action(async (cidrs: string[], flags: Flags, cmd: Command) => {
      const o = defaultOutput();
      const ranges = addressesOf(cidrs, { force: flags.force ?? false });
      if (!ranges.ok) throw new ExitError(EXIT_BAD_INPUT, ranges.errors.map((e) => `error: ${e.argument ? `"${e.argument}": ` : ''}${e.message}`).join('\n'));
      const opts = {
        port: integer('--port', flags.port, 1, 65535),
        timeoutMs: Math.max(50, Math.round(parseSeconds('--timeout', flags.timeout, { max: 60 }) * 1000)),
        retries: integer('--retries', flags.retries, 0, 10),
        concurrency: integer('--concurrency', flags.concurrency, 1, 1024),
        deviceTimeoutMs: Math.max(100, Math.round(parseSeconds('--device-timeout', flags.deviceTimeout, { max: 3600 }) * 1000)),
        totalTimeoutMs: Math.max(100, Math.round(parseSeconds('--total-timeout', flags.totalTimeout, { max: 86_400 }) * 1000)),
      };
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const inv = loaded.inventory;
      const candidates = credentialCandidates(inv);
      const resolved: (ResolvedCandidate & { fingerprint: string })[] = [];
      const unresolved: Problem[] = [];
      for (const c of candidates) {
        const r = resolveCredentials(c.settings, { baseDir: loaded.baseDir, file: loaded.file, path: [...c.path, 'snmp'] });
        if (r.ok) resolved.push({ ...c, credentials: r.credentials, fingerprint: r.fingerprint });
        else unresolved.push(...r.problems.map((p) => ({ ...p, severity: 'warning' as const, message: `${p.message}: credential of ${c.path[0]}[${c.path[1]}] ${c.device} not tried` })));
      }
      if (unresolved.length > 0) printProblems(unresolved, o, flags.json);
      const usable: ResolvedCandidate[] = withoutSameValues(resolved).map(({ fingerprint: _, ...c }) => c);
      if (usable.length === 0)
        throw new ExitError(
          EXIT_BAD_INPUT,
          candidates.length === 0
            ? `error: ${loaded.file} has no switches or upses with an snmp block: srw discover tries only credentials the inventory already references; add one device by hand first`
            : `error: none of the ${candidates.length} SNMP credentials of ${loaded.file} could be resolved (see above)`,
        );

      const report = await scan(ranges.addresses, usable, knownDevices(inv, opts.port), opts);
      const c = counts(report);
      const summary = `${ranges.addresses.length} address${ranges.addresses.length === 1 ? '' : 'es'} in ${(report.ms / 1000).toFixed(1)} s: ${Object.entries(c).map(([k, v]) => `${v} ${k}`).join(', ')}${report.timedOut ? ` (--total-timeout ${opts.totalTimeoutMs / 1000} s reached)` : ''}`;
      if (!flags.json) {
        const shown = report.results.filter((r) => flags.all || (r.status !== 'silent' && r.status !== 'unreachable'));
        if (shown.length > 0) printTable(shown.map(row), o);
        o.out(`${summary}\n`);
        o.out(`credentials tried, in this order: ${usable.map((u) => u.label).join('; ')}\n`);
      }

      let written: (WriteOutcome & { file: string }) | undefined;
      if (flags.write) {
        // Under the inventory lock, on the bytes on disk now: an edit made during the scan is kept,
        // and a device someone added meanwhile is not added twice.
        const edited = withFileLock(loaded.file, () => {
          const text = readInventoryText(loaded.file);
          if (!text.ok) return text;
          const next = addDiscovered(text.value, loaded.file, report.results, opts.port);
          if (next.ok && next.value.drafts.length > 0) writeFileAtomic(loaded.file, next.value.text);
          return next;
        });
        if (!edited.ok) {
          if (flags.json) printJson({ ok: false, written: false, scanned: ranges.addresses.length, counts: c, devices: report.results.map(jsonResult) }, o);
          throw new ProblemError(edited.problems.map((p) => ({ ...p, message: `${p.message} (nothing written)` })));
        }
        written = { ...edited.value, file: loaded.file };
        const added = written.drafts;
        if (added.length > 0) recordChange({ summary: `discover: added ${added.map((d) => d.name).join(', ')}`, devices: added.map((d) => ({ list: d.list, name: d.name, address: d.address, credentialFrom: d.from })) });
        if (!flags.json) {
          for (const d of added) o.out(`+ ${d.list}: ${d.name} ${d.address} "${d.model}" (credential of ${d.from})${d.renamed ? `; sysName gives "${d.renamed}", which is taken` : ''}\n`);
          for (const s of written.skipped) o.out(`= ${s.address}: ${s.reason}\n`);
          o.out(added.length > 0 ? `added ${added.length} device${added.length === 1 ? '' : 's'} to ${loaded.file}; check with: srw validate\n` : `nothing new: ${loaded.file} unchanged\n`);
        }
      }
      const code = report.timedOut ? EXIT_FAILURE : EXIT_OK;
      if (flags.json)
        printJson(
          {
            ok: code === EXIT_OK,
            scanned: ranges.addresses.length,
            ms: report.ms,
            timedOut: report.timedOut,
            counts: c,
            credentials: usable.map((u) => ({ path: u.path, device: u.device, label: u.label })),
            devices: report.results.map(jsonResult),
            ...(written ? { written: { file: written.file, added: written.drafts.map((d) => ({ list: d.list, name: d.name, address: d.address, model: d.model, ...(d.network ? { network: d.network } : {}), credentialFrom: d.from, ...(d.renamed ? { sysNameGives: d.renamed } : {}) })), skipped: written.skipped } } : {}),
          },
          o,
        );
      throw new ExitError(code);
    });
}
