// Problems are values: what went wrong and where. Only cli/report.ts turns them into text.

export type ProblemCode =
  | 'file' // missing, empty, a directory, unreadable
  | 'yaml' // syntax
  | 'schema' // a field has the wrong type or value
  | 'reference' // names something that is not declared
  | 'duplicate' // a name, id, address or number used twice
  | 'range' // an address outside its network, an extension outside the PBX range
  | 'secret' // a secret reference that cannot be resolved
  | 'edit'; // an edit of the inventory was refused

export type Problem = {
  code: ProblemCode;
  /** "expected …, found …" or a short statement of the fault. */
  message: string;
  file: string;
  line?: number;
  col?: number;
  path: (string | number)[];
  severity?: 'error' | 'warning';
};

export type Result<T> = { ok: true; value: T; warnings?: Problem[] } | { ok: false; problems: Problem[] };

/** `hosts[3].nics[0].network`, the way users read YAML paths. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** `inventory.yaml:42:9 hosts[3].nics[0].network: unknown network "voise"` */
export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  const path = formatPath(p.path);
  return `${where}${path ? ` ${path}` : ''}: ${p.message}`;
}

/** Thrown by domain code for bad input that is the user's to fix (exit code 2). */
export class ProblemError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ProblemError';
  }
}
