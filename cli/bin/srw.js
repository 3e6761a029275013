#!/usr/bin/env node
// The published entry point: runs the JavaScript that `npm run build` compiles into dist/ (the
// `prepare` step of `npm ci` and `npm pack` runs it), so no TypeScript is compiled at start-up.
// Node 22+ also keeps V8's compiled code between runs (module.enableCompileCache).
import module from 'node:module';

module.enableCompileCache?.();
// A stack trace that points into the TypeScript sources, for whoever debugs (the maps ship in dist/).
if (process.env.SRW_DEBUG) process.setSourceMapsEnabled(true);
const entry = new URL('../../dist/srw.js', import.meta.url);
try {
  await import(entry.href);
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(entry.pathname)) throw e;
  process.stderr.write('error: srw is not built (dist/srw.js is missing): run `npm run build` in the srw directory (`npm ci` does it)\n');
  process.exit(2);
}
