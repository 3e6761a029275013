// Shell completion for bash, zsh and fish, generated from srw's command tree (command-tree.ts),
// so a new command or option completes as soon as it is registered. Each script carries the tree
// as a table keyed by the command path ("srw voip ext"): the words that complete there, the
// options that take a value (then files, or the option's choices, complete instead).
import type { CommandInfo, OptionInfo } from './command-tree.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
/** Where each shell looks for a completion file named after the command. */
export const COMPLETION_FILES: Record<Shell, string> = { bash: 'srw.bash', zsh: '_srw', fish: 'srw.fish' };

type Node = { path: string; commands: CommandInfo[]; options: OptionInfo[]; /** Choices of the first argument (srw completion <shell>). */ values: string[] };

const HELP: OptionInfo = { flags: '-h, --help', description: 'display help for command', long: '--help', short: '-h', takesValue: false };

/** Every command path with what completes there; the root's options (-i) apply at every level. */
function nodes(tree: CommandInfo): Node[] {
  const all: Node[] = [];
  const walk = (cmd: CommandInfo, path: string, inherited: OptionInfo[]) => {
    all.push({ path, commands: cmd.commands, options: [...cmd.options, ...inherited, HELP], values: cmd.arguments[0]?.choices ?? [] });
    for (const sub of cmd.commands) walk(sub, `${path} ${sub.name}`, inherited);
  };
  walk(tree, tree.name, tree.options.filter((o) => o.takesValue));
  return all;
}

const names = (o: OptionInfo) => [o.long, o.short].filter((n): n is string => Boolean(n));
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A word inside single quotes in any of the three shells. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function completionScript(shell: Shell | string, tree: CommandInfo): string {
  if (shell === 'bash') return bash(tree);
  if (shell === 'zsh') return zsh(tree);
  if (shell === 'fish') return fish(tree);
  throw new Error(`unknown shell "${shell}" (expected ${SHELLS.join(', ')})`);
}

function caseTable(fn: string, rows: [string, string[]][]): string {
  const body = rows
    .filter(([, words]) => words.length > 0)
    .map(([key, words]) => `    ${sq(key)}) echo ${sq(words.join(' '))} ;;`)
    .join('\n');
  return `${fn}() {\n  case "$1" in\n${body}\n  esac\n}\n`;
}

/** The shell function that walks the words typed so far to the command path (shared by bash and zsh). */
const WALK = `_srw_path() {
  # $@: the words before the cursor, without "srw"
  # (not "path": zsh ties that name to $PATH)
  local at=srw prev= word
  for word in "$@"; do
    if [[ -n $prev && " $(_srw_value_options "$at") " == *" $prev "* ]]; then prev=; continue; fi
    prev=$word
    [[ $word == -* ]] && continue
    if [[ " $(_srw_commands "$at") " == *" $word "* ]]; then at="$at $word"; prev=; fi
  done
  echo "$at"
}
`;

function tables(tree: CommandInfo): string {
  const ns = nodes(tree);
  const choiceRows: [string, string[]][] = ns.flatMap((n) => n.options.filter((o) => o.choices).flatMap((o) => names(o).map((name): [string, string[]] => [`${n.path} ${name}`, o.choices!])));
  return [
    caseTable('_srw_commands', ns.map((n) => [n.path, [...n.commands.flatMap((c) => [c.name, ...c.aliases]), ...(n.path === tree.name ? ['help'] : []), ...n.values]])),
    caseTable('_srw_options', ns.map((n) => [n.path, n.options.flatMap(names)])),
    caseTable('_srw_value_options', ns.map((n) => [n.path, n.options.filter((o) => o.takesValue).flatMap(names)])),
    caseTable('_srw_choices', choiceRows),
  ].join('');
}

function bash(tree: CommandInfo): string {
  return `# bash completion for srw, generated from its command tree by \`srw completion bash\`.
# Install: srw completion bash > /etc/bash_completion.d/srw   (or source it from ~/.bashrc)
${tables(tree)}${WALK}
_srw() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} at
  at=$(_srw_path "\${COMP_WORDS[@]:1:COMP_CWORD-1}")
  if [[ $COMP_CWORD -gt 1 && " $(_srw_value_options "$at") " == *" $prev "* ]]; then
    local choices; choices=$(_srw_choices "$at $prev")
    if [[ -n $choices ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; fi
    return
  fi
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$(_srw_options "$at")" -- "$cur")); return; fi
  local commands; commands=$(_srw_commands "$at")
  if [[ -n $commands ]]; then COMPREPLY=($(compgen -W "$commands" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; fi
}
complete -F _srw srw
`;
}

function zsh(tree: CommandInfo): string {
  const ns = nodes(tree);
  const described = (rows: [string, string][]) => rows.map(([w, d]) => sq(`${w.replace(/:/g, '\\:')}:${oneLine(d)}`)).join(' ');
  const descRows = ns
    .map((n) => {
      const cmds: [string, string][] = n.commands.map((c) => [c.name, c.summary ?? c.description]);
      if (n.path === tree.name) cmds.push(['help', 'display help for command']);
      for (const v of n.values) cmds.push([v, '']);
      const opts: [string, string][] = n.options.flatMap((o) => names(o).map((name): [string, string] => [name, o.description]));
      return `    ${sq(n.path)}) cmds=(${described(cmds)}); opts=(${described(opts)}) ;;`;
    })
    .join('\n');
  return `#compdef srw
# zsh completion for srw, generated from its command tree by \`srw completion zsh\`.
# Install: srw completion zsh > "\${fpath[1]}/_srw"   (then start a new shell)
${tables(tree)}${WALK}
_srw() {
  local at cur=\${words[CURRENT]} prev=\${words[CURRENT-1]}
  local -a cmds opts
  at=$(_srw_path "\${(@)words[2,CURRENT-1]}")
  if (( CURRENT > 2 )) && [[ " $(_srw_value_options "$at") " == *" $prev "* ]]; then
    local choices; choices=$(_srw_choices "$at $prev")
    if [[ -n $choices ]]; then compadd -- \${=choices}; else _files; fi
    return
  fi
  case "$at" in
${descRows}
  esac
  if [[ $cur == -* ]]; then _describe -t options option opts; return; fi
  if (( \${#cmds} )); then _describe -t commands command cmds; else _files; fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _srw "$@"; else compdef _srw srw; fi
`;
}

function fish(tree: CommandInfo): string {
  const ns = nodes(tree);
  const lines = [
    '# fish completion for srw, generated from its command tree by `srw completion fish`.',
    '# Install: srw completion fish > ~/.config/fish/completions/srw.fish',
    'function __srw_path',
    '    set -l path srw',
    '    set -l skip 0',
    '    for word in (commandline -opc)[2..-1]',
    '        if test $skip = 1; set skip 0; continue; end',
    '        if contains -- $word (__srw_value_options $path); set skip 1; continue; end',
    '        string match -q -- "-*" $word; and continue',
    '        if contains -- $word (__srw_commands $path); set path "$path $word"; end',
    '    end',
    '    echo $path',
    'end',
    'function __srw_commands',
    '    switch $argv[1]',
    ...ns.filter((n) => n.commands.length > 0).map((n) => `        case ${sq(n.path)}; printf "%s\\n" ${n.commands.map((c) => sq(c.name)).join(' ')}${n.path === tree.name ? " 'help'" : ''}`),
    '    end',
    'end',
    'function __srw_value_options',
    '    switch $argv[1]',
    ...ns
      .filter((n) => n.options.some((o) => o.takesValue))
      .map((n) => `        case ${sq(n.path)}; printf "%s\\n" ${n.options.filter((o) => o.takesValue).flatMap(names).map(sq).join(' ')}`),
    '    end',
    'end',
    'function __srw_at; test (__srw_path) = $argv[1]; end',
    'complete -c srw -f',
  ];
  for (const n of ns) {
    const at = `-n ${sq(`__srw_at ${sq(n.path)}`)}`;
    for (const c of n.commands) lines.push(`complete -c srw ${at} -a ${sq(c.name)} -d ${sq(oneLine(c.summary ?? c.description))}`);
    if (n.path === tree.name) lines.push(`complete -c srw ${at} -a help -d 'display help for command'`);
    if (n.values.length > 0) lines.push(`complete -c srw ${at} -a ${sq(n.values.join(' '))}`);
    for (const o of n.options) {
      const flags = [o.long ? `-l ${o.long.slice(2)}` : '', o.short ? `-s ${o.short.slice(1)}` : ''].filter(Boolean).join(' ');
      const value = o.choices ? ` -x -a ${sq(o.choices.join(' '))}` : o.takesValue ? ' -r -F' : '';
      lines.push(`complete -c srw ${at} ${flags}${value} -d ${sq(oneLine(o.description))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
