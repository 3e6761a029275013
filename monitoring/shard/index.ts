// Splitting the devices over N exporter + Prometheus pairs with Prometheus's own hashmod.
export { hashmod, parseShard, inShard, type Shard } from './hashmod.js';
