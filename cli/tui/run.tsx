// Mounts the dashboard on a terminal and resolves when the user quits (q, Ctrl-C).
// The alternate screen keeps the user's scrollback intact and leaves nothing behind on exit.
import { render } from 'ink';
import { App, type AppProps } from './app.js';

export type RunOptions = Omit<AppProps, 'onQuit'> & {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
};

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';

export async function runDashboard({ stdout = process.stdout, stdin = process.stdin, ...app }: RunOptions): Promise<void> {
  const alt = Boolean(stdout.isTTY);
  let ink: ReturnType<typeof render> | undefined;
  let gone = false;
  // When the terminal goes away (SSH session closed, tmux killed) every write fails with EIO:
  // that must end the dashboard quietly so the caller still cleans up (stops the lab, removes
  // its temp dir), not crash on an unhandled 'error' event.
  const terminalGone = () => {
    if (gone) return;
    gone = true;
    ink?.unmount();
  };
  stdout.on('error', terminalGone);
  stdin.on('error', terminalGone);
  if (alt) stdout.write(ENTER_ALT);
  ink = render(<App {...app} />, { stdout, stdin, exitOnCtrlC: true, patchConsole: true, maxFps: 10 });
  // SIGTERM/SIGHUP end the dashboard like q does, so callers can clean up.
  const stop = () => ink?.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await ink.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    if (alt && !gone && stdout.writable) stdout.write(LEAVE_ALT);
    // The error listeners stay: a dead terminal may still fail a late write (cursor restore on exit).
  }
}
