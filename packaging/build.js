#!/usr/bin/env node
// Builds the JavaScript that `srw` runs (dist/), as the `prepare` step of `npm ci` and `npm pack`:
//  - one esbuild bundle of cli/srw.ts with code splitting, so every dynamic import (a command,
//    cdktf for synth, Ink for watch) stays a chunk of its own that loads only when used;
//  - commander, zod and yaml are bundled in (a few hundred small files each, which Node otherwise
//    resolves and reads one by one at every start), and so are Ink and React for the dashboard
//    (its first frame comes about a third sooner; the bundle carries patches/ink+6.8.0.patch,
//    applied to node_modules by postinstall before this runs); every other dependency stays in
//    node_modules;
//  - dist/command-tree.json (the whole command tree as data, for `srw --help` without loading
//    the commands) and the shell completions generated from it (dist/completions/).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['commander', 'zod', 'yaml', 'js-yaml', 'ink', 'react']);
// react-devtools-core: ink imports it only when DEV=true, and it is not installed.
const external = [...Object.keys(pkg.dependencies).filter((d) => !BUNDLED.has(d)).flatMap((d) => [d, `${d}/*`]), 'react-devtools-core'];

// zod's classic API re-exports all of its ~50 translated message sets (a third of the bundled
// zod); srw keeps zod's English messages only, which infra/inventory/zod-issues.ts rewrites.
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

// commander requires node:child_process at load (and with it net, dgram and the stream code)
// only to spawn executable subcommands, which srw has none of: it loads at first use instead.
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: no \`${eager}\` to make lazy (commander changed: update packaging/build.js)`);
      const lazy = "let loadedChildProcess; const childProcess = { spawn: (...a) => (loadedChildProcess ??= require('node:child_process')).spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

const quiet = process.argv.includes('--quiet');
const started = performance.now();
// Built next to dist/ and renamed into place, so a failed build never leaves half a dist/ that
// `srw` would then run.
const out = mkdtempSync(join(root, '.dist-'));
try {
  await build({
    absWorkingDir: root,
    entryPoints: { srw: 'cli/srw.ts', program: 'cli/program.ts', completion: 'cli/completion.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.10',
    jsx: 'automatic',
    external,
    // Bundled CommonJS (commander, yaml) calls require() for Node's own modules.
    banner: { js: "import { createRequire as __srwRequire } from 'node:module'; const require = __srwRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    // Less to parse at every start (about 5 % of `srw validate`'s CPU); names stay, and the
    // linked source maps give stack traces their TypeScript lines (SRW_DEBUG=1 turns them on).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [englishOnlyZod, lazyChildProcess],
  });
  const { fullCommandTree } = await import(pathToFileURL(join(out, 'program.js')).href);
  const { completionScript, COMPLETION_FILES } = await import(pathToFileURL(join(out, 'completion.js')).href);
  const tree = await fullCommandTree();
  writeFileSync(join(out, 'command-tree.json'), `${JSON.stringify(tree, null, 1)}\n`);
  mkdirSync(join(out, 'completions'));
  for (const [shell, file] of Object.entries(COMPLETION_FILES)) writeFileSync(join(out, 'completions', file), completionScript(shell, tree));
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  chmodSync(out, 0o755); // mkdtemp made it 0700
  renameSync(out, join(root, 'dist'));
} catch (e) {
  rmSync(out, { recursive: true, force: true });
  throw e;
}
if (!quiet) process.stdout.write(`srw built into dist/ in ${Math.round(performance.now() - started)} ms\n`);
// The tree was built by loading every command (servers, SNMP sessions are not started, but some
// libraries keep timers): the build is done.
process.exit(0);
