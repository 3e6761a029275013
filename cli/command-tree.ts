// srw's command tree as plain data: names, arguments, options and descriptions of every command.
// The build writes it next to the compiled CLI (dist/command-tree.json) so that `srw --help`
// (and an unknown command's "did you mean") can list every command without loading any of them,
// and the shell completions are generated from it.
import { Command, Option } from 'commander';

export type ArgumentInfo = { name: string; required: boolean; variadic: boolean; description: string; choices?: string[] };
export type OptionInfo = {
  flags: string;
  description: string;
  long?: string;
  short?: string;
  /** `--out <dir>` takes a value; `--json` does not. */
  takesValue: boolean;
  choices?: string[];
  defaultValue?: unknown;
};
export type CommandInfo = {
  name: string;
  aliases: string[];
  description: string;
  summary?: string;
  arguments: ArgumentInfo[];
  options: OptionInfo[];
  commands: CommandInfo[];
};

export function describeCommand(cmd: Command): CommandInfo {
  const summary = cmd.summary();
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: cmd.description(),
    ...(summary ? { summary } : {}),
    arguments: cmd.registeredArguments.map((a) => ({
      name: a.name(),
      required: a.required,
      variadic: a.variadic,
      description: a.description,
      ...(a.argChoices ? { choices: [...a.argChoices] } : {}),
    })),
    options: cmd.options
      .filter((o) => !o.hidden)
      .map((o) => ({
        flags: o.flags,
        description: o.description,
        ...(o.long ? { long: o.long } : {}),
        ...(o.short ? { short: o.short } : {}),
        takesValue: o.required || o.optional,
        ...(o.argChoices ? { choices: [...o.argChoices] } : {}),
        ...(o.defaultValue !== undefined ? { defaultValue: o.defaultValue } : {}),
      })),
    commands: cmd.commands.map(describeCommand),
  };
}

/**
 * Adds the top-level commands of `tree` to `program` as stand-ins: the same names, arguments,
 * options and descriptions, so commander's help and "unknown command" answers read exactly as
 * with the real commands, without loading their code. A stand-in never runs: the program picks
 * the real command before parsing whenever argv names one.
 */
export function addStandIns(program: Command, tree: CommandInfo): void {
  for (const info of tree.commands) {
    const cmd = program.command(info.name).description(info.description);
    if (info.summary) cmd.summary(info.summary);
    for (const alias of info.aliases) cmd.alias(alias);
    for (const a of info.arguments) {
      const term = `${a.variadic ? `${a.name}...` : a.name}`;
      cmd.argument(a.required ? `<${term}>` : `[${term}]`, a.description);
    }
    for (const o of info.options) {
      const option = new Option(o.flags, o.description);
      if (o.defaultValue !== undefined) option.default(o.defaultValue);
      cmd.addOption(option);
    }
  }
}
