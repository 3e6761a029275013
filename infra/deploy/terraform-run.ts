// Runs one terraform/tofu command. Arguments never carry a secret: secrets reach Terraform only
// through the environment handed in (TF_VAR_*, PROXMOX_VE_API_TOKEN, PG_CONN_STR), which only
// the same user can read (/proc/<pid>/environ is 0400). With `-json`, each stdout line is one
// machine-readable UI event (Terraform's "JSON output format", ui 1.x); diagnostics arrive as
// events of type "diagnostic".
import { spawn } from 'node:child_process';
import type { IacTool } from './tool.js';

export type TfDiagnostic = { severity: 'error' | 'warning'; summary: string; detail: string };
/** One line of `-json` output. */
export type TfEvent = { type: string; '@message'?: string; '@level'?: string; diagnostic?: TfDiagnostic; hook?: Record<string, unknown>; changes?: Record<string, number> } & Record<string, unknown>;

export type TfResult = {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly events: TfEvent[];
  /** Error diagnostics: from -json events, or Terraform's plain "Error: …" blocks on stderr. */
  readonly errors: TfDiagnostic[];
};

export type TfRunOptions = {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Aborting sends Terraform one SIGINT: it stops what it started, saves the state and unlocks.
   * Abort with the reason TERMINAL_INTERRUPT when the terminal already sent SIGINT to the whole
   * process group (Ctrl-C): a second one would make Terraform quit at once without saving.
   */
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: TfEvent) => void;
};

/** Terraform's plain-text error blocks ("Error: summary\n\ndetail"), with the box drawing removed. */
export function plainErrors(text: string): TfDiagnostic[] {
  const clean = text.replace(/\x1b\[[0-9;]*m/g, '').replace(/^[│╷╵] ?/gm, '');
  const out: TfDiagnostic[] = [];
  const re = /^Error: (.*)\n((?:(?!^Error: |^Warning: )[\s\S])*)/gm;
  for (const m of clean.matchAll(re)) out.push({ severity: 'error', summary: m[1]!.trim(), detail: m[2]!.trim() });
  return out;
}

/** Abort reason for a Ctrl-C that the terraform child received from the terminal itself. */
export const TERMINAL_INTERRUPT = 'terminal-interrupt';

export function runTerraform(tool: IacTool, args: readonly string[], opts: TfRunOptions): Promise<TfResult> {
  return new Promise((done, fail) => {
    const child = spawn(tool.path, [...args], {
      cwd: opts.cwd,
      env: { ...opts.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const events: TfEvent[] = [];
    const json = args.includes('-json');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!json) return;
      partial += chunk;
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        const line = partial.slice(0, nl);
        partial = partial.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        try {
          const e = JSON.parse(line) as TfEvent;
          events.push(e);
          opts.onEvent?.(e);
        } catch {
          /* not an event line */
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const abort = () => {
      if (opts.signal?.reason !== TERMINAL_INTERRUPT) child.kill('SIGINT');
    };
    opts.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (e) => {
      opts.signal?.removeEventListener('abort', abort);
      fail(e);
    });
    child.on('close', (code, signal) => {
      opts.signal?.removeEventListener('abort', abort);
      const fromEvents = events.filter((e) => e.type === 'diagnostic' && e.diagnostic?.severity === 'error').map((e) => e.diagnostic!);
      const errors = [...fromEvents, ...plainErrors(json ? stderr : stderr + stdout)];
      done({ code, signal, stdout, stderr, events, errors });
    });
  });
}
