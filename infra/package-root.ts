// Where srw's own files are (package.json, the provider schema, the examples), found from the
// running module: the sources (cli/, infra/…), the compiled bundle (dist/ and its chunks) and a
// global install all sit at different depths below it, so walk up to srw's package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  return (root ??= findRoot(dirname(fileURLToPath(import.meta.url))));
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'serwerownia') return dir;
    if (dirname(dir) === dir) throw new Error(`srw's package.json not found above ${start}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
