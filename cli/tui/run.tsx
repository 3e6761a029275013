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
  if (alt) stdout.write(ENTER_ALT);
  const ink = render(<App {...app} />, { stdout, stdin, exitOnCtrlC: true, patchConsole: true, maxFps: 10 });
  // SIGTERM/SIGHUP (a closed SSH session) end the dashboard like q does, so callers can clean up.
  const stop = () => ink.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await ink.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    if (alt) stdout.write(LEAVE_ALT);
  }
}
