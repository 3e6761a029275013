// `srw completion bash|zsh|fish`: the shell completion script, generated from the command tree.
import { Argument, type Command } from 'commander';
import { completionScript, COMPLETION_FILES, SHELLS, type Shell } from '../completion.js';
import { builtCommandTree, fullCommandTree } from '../program.js';
import { defaultOutput, EXIT_BAD_INPUT, ExitError } from '../report.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', SHELLS.join(' | ')).choices(SHELLS))
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  $ srw completion bash > /etc/bash_completion.d/srw            # or: source <(srw completion bash)`,
        `  $ srw completion zsh > "\${fpath[1]}/${COMPLETION_FILES.zsh}"`,
        `  $ srw completion fish > ~/.config/fish/completions/${COMPLETION_FILES.fish}`,
        '',
        'An installed package also carries them in dist/completions/.',
      ].join('\n'),
    )
    .action(async (shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) throw new ExitError(EXIT_BAD_INPUT, `error: unknown shell "${shell}" (expected ${SHELLS.join(', ')})`);
      const tree = builtCommandTree() ?? (await fullCommandTree());
      defaultOutput().out(completionScript(shell as Shell, tree));
    });
}
