// Where the recorded real Asterisk sessions live: test/fixtures/ami-transcripts (ours, recorded from a
// real Asterisk 22.10.1; see PROVENANCE.md there), or $SRW_AMI_TRANSCRIPTS.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const transcriptsDir = process.env.SRW_AMI_TRANSCRIPTS ?? resolve(repoRoot, 'test/fixtures/ami-transcripts');

export function transcriptNames(): string[] {
  return readdirSync(transcriptsDir).filter((f) => f.endsWith('.txt')).sort();
}

export function readTranscript(name: string): Buffer {
  return readFileSync(join(transcriptsDir, name));
}

/** What the recorder sent for each file, taken from the README's "Sent" blocks. */
export function sentActions(name: string): string[][] {
  const readme = readFileSync(join(transcriptsDir, 'README.md'), 'utf8');
  const at = readme.indexOf('### `' + name + '`');
  if (at < 0) return [];
  // The block after "* Sent": a section may have other ```text blocks before it (logs, hashes).
  const sent = readme.indexOf('* Sent', at);
  if (sent < 0) return [];
  const block = /```text\n([\s\S]*?)```/.exec(readme.slice(sent));
  if (!block?.[1]) return [];
  return block[1].trim().split(/\n\s*\n/).map((a) => a.split('\n'));
}
