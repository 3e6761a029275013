#!/usr/bin/env node
// Runs one TypeScript file of the repository (benchmarks, scripts, the sources of srw itself)
// through tsx, for development: the installed srw runs the compiled dist/ instead.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: run-ts.js FILE.ts [args…]\n');
  process.exit(2);
}
// The repository's tsconfig (JSX runtime, module settings), wherever the command is started
// from: tsx would otherwise look for one in the current directory.
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(file)).href);
