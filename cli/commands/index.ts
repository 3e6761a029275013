// Registers the commands of the later parts (synth, exporter, voip, watch, demo).
// Each lives in its own file; this list is the only place that wires them in.
import type { Command } from 'commander';

export function registerExtraCommands(_program: Command): void {}
