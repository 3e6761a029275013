// `srw doctor`: checks an installation and says what to fix. Thin adapter over cli/doctor/.
import type { Command } from 'commander';
import { inventoryPath } from '../../infra/inventory/index.js';
import { parseAmiTarget } from '../ami-target.js';
import { parseSeconds } from '../duration.js';
import { defaultOutput, EXIT_FAILURE, EXIT_OK, ExitError, printJson } from '../report.js';
import { checkAmi } from '../doctor/ami.js';
import { failed, type CheckResult } from '../doctor/check.js';
import { checkNode, checkTerraform } from '../doctor/environment.js';
import { checkInventory, checkSecrets } from '../doctor/inventory.js';
import { checkPrometheus, prometheusUrl } from '../doctor/prometheus.js';
import { checkSnmp } from '../doctor/snmp.js';
import { doctorTable } from '../doctor/table.js';

type DoctorOptions = { json?: boolean; timeout: string; ami?: string; prometheus?: string };

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check this installation and say what to fix: Node, terraform/tofu, the inventory, its secrets, every switch and UPS over SNMP, the PBX\'s AMI users, Prometheus (exit 1 if a check fails)')
    .option('--json', 'print the checks as JSON')
    .option('--timeout <seconds>', 'how long to wait for each device, the PBX and Prometheus (seconds, or e.g. 500ms)', '3')
    .option('--ami <host:port>', 'reach AMI here instead of pbx.ami.address:port (e.g. an SSH tunnel)')
    .option('--prometheus <url>', 'Prometheus to check (default: the inventory\'s monitoring host, port 9090)')
    .addHelpText('after', '\nExamples:\n  $ srw doctor -i /etc/srw/inventory.yaml\n  $ srw doctor --json | jq \'.checks[] | select(.status == "fail")\'')
    .action(async (opts: DoctorOptions, cmd: Command) => {
      const o = defaultOutput();
      const timeoutMs = parseSeconds('--timeout', opts.timeout, { max: 60 }) * 1000;
      const ami = opts.ami ? parseAmiTarget(opts.ami) : undefined;
      const path = inventoryPath(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const results: CheckResult[] = [checkNode(), await checkTerraform()];
      const inventory = checkInventory(path);
      results.push(inventory.result);
      const loaded = inventory.loaded;
      if (loaded) {
        results.push(...checkSecrets(loaded));
        const [snmp, amiResults, prometheus] = await Promise.all([
          checkSnmp(loaded, { timeoutMs }),
          checkAmi(loaded, { ...(ami ? { target: ami } : {}), timeoutMs }),
          checkPrometheus(opts.prometheus ?? prometheusUrl(loaded), timeoutMs),
        ]);
        results.push(...snmp, ...amiResults, prometheus);
      } else {
        for (const check of ['secrets', 'snmp', 'ami', 'prometheus']) results.push({ check, status: 'skip', detail: 'needs a valid inventory' });
      }
      if (opts.json) printJson({ ok: !failed(results), checks: results }, o);
      else o.out(doctorTable(results));
      throw new ExitError(failed(results) ? EXIT_FAILURE : EXIT_OK);
    });
}
