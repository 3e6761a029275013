// The LXC hook script carries each file in a here-document: content with a line equal to the
// delimiter must not end it early (the rest would run as commands, as root on the Proxmox node).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderLxcHookScript } from '../../../infra/constructs/provisioned-guest.js';
import { example } from '../inventories.js';

const host = example().hosts.find((h) => h.kind === 'lxc')!;

/** What bash would write for the file at `path`: the lines after `<<'D'` up to the first line `D`. */
function hereDoc(script: string, path: string): string {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`cat > '${path}' <<'`));
  const delimiter = /<<'([^']+)'$/.exec(lines[start]!)![1]!;
  const end = lines.findIndex((l, i) => i > start && l === delimiter);
  return lines.slice(start + 1, end).join('\n');
}

describe('renderLxcHookScript', () => {
  it('keeps a file whose lines look like the here-document delimiters whole', () => {
    const content = 'first\nSRW_FILE_EOF\ntouch /tmp/pwned\nSRW_GUEST_SCRIPT_EOF\nSRW_FILE_EOF_1\nlast';
    const script = renderLxcHookScript(host, [{ path: '/etc/srw/x.conf', content }], ['curl'], ['true']);
    expect(hereDoc(script, '/etc/srw/x.conf')).toBe(content);
    expect(script.split('\n').filter((l) => l === 'touch /tmp/pwned')).toHaveLength(1);
    expect(spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' }).status).toBe(0);
  });
});
