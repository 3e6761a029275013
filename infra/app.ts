// The cdktf.json "app": `cdktf synth` runs this file. It reads the inventory named by
// SRW_INVENTORY (default ./inventory.yaml) and synthesizes into CDKTF_OUTDIR, the directory the
// cdktf CLI passes (default cdktf.out), through the same all-or-nothing synth as `srw synth`.
// A bad inventory throws its located problems and nothing is written.
import { inventoryPath, loadInventory, ProblemError } from './inventory/index.js';
import { synthInventory } from './synth/synth.js';

const loaded = loadInventory(inventoryPath(undefined));
if (!loaded.ok) throw new ProblemError(loaded.problems);
synthInventory(loaded.value.inventory, { outDir: process.env.CDKTF_OUTDIR ?? 'cdktf.out', baseDir: loaded.value.baseDir });
