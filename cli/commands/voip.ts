// The `srw voip` parent command. Several command files attach to it (voip-ext, voip-render,
// voip-apply, voip-status), so whoever registers first creates it and the rest reuse it.
import type { Command } from 'commander';

export function voipCommand(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'voip');
  if (existing) return existing;
  return program
    .command('voip')
    .description('the Asterisk PBX: extensions, rendered config, apply over AMI, live status')
    .addHelpText('after', '\nExamples:\n  $ srw voip ext list\n  $ srw voip render --out build/asterisk\n  $ srw voip apply --dry-run');
}
