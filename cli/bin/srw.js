#!/usr/bin/env node
// The published entry point: registers tsx so the TypeScript sources run as they are,
// which means a fresh clone works after `npm ci` with no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../srw.ts');
