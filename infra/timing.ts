// Start-up phase marks for `SRW_TIMING=1 srw …`: where a short command spends its time (module
// load, YAML, schema, checks). Marks are kept here and printed by the CLI (cli/srw.ts) to stderr
// at exit, since domain code never prints. Without SRW_TIMING a mark is one test of `undefined`.

const marks: { name: string; at: number }[] | undefined = process.env.SRW_TIMING ? [] : undefined;

/** Records that a phase ended now (ms since the process started). */
export function mark(name: string): void {
  marks?.push({ name, at: performance.now() });
}

export function timingOn(): boolean {
  return marks !== undefined;
}

/** One line per mark: `srw-timing: <phase> <ms since process start> ms (+<ms since the mark before>)`. */
export function timingReport(): string {
  let before = 0;
  return (marks ?? [])
    .map(({ name, at }) => {
      const line = `srw-timing: ${name} ${at.toFixed(1)} ms (+${(at - before).toFixed(1)})\n`;
      before = at;
      return line;
    })
    .join('');
}
