// @module-tag snmprec
// Every recording in $SRW_SNMPREC_DIR (default ../shared/snmprec), read in place, goes through
// the real walk + decode path (snmprec-source answers like snmpsim, 64 varbinds per answer) and
// is compared with a small derived summary in expected/<device>.json. The summaries were
// generated with SRW_UPDATE_EXPECTED=1 and checked by eye against the counts in
// ../shared/snmprec/README.md (ifaces/eth/up/HC/alias, LLDP rows).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import type { DeviceSnapshot } from '../../../monitoring/model/device.js';
import { snmprecDir } from '../../helpers/snmprec.js';

const here = dirname(fileURLToPath(import.meta.url));
const found = snmprecDir();
const dir = found ?? '';
// Without the recordings (the snmprec tag skips this file) the tests are named after the
// expected summaries, so the run still lists what it skipped.
const files = (found ? readdirSync(found).filter((f) => f.endsWith('.snmprec')) : readdirSync(join(here, 'expected')).map((f) => f.replace(/\.json$/, '.snmprec'))).sort();
const update = process.env.SRW_UPDATE_EXPECTED === '1';

function summary(s: DeviceSnapshot) {
  const ifs = s.interfaces;
  return {
    status: s.status,
    system: s.system && { sysObjectID: s.system.sysObjectID, sysName: s.system.sysName, sysDescrFirstLine: s.system.sysDescr.split(/\r?\n/)[0], sysUpTime: s.system.sysUpTime },
    entity: s.entity,
    // MIB values as the MIB-named series show them: name{index labels} → raw value.
    ups: s.ups && { ...s.ups, mib: Object.fromEntries(s.ups.mib.map((m) => [`${m.name}${m.index ? JSON.stringify(m.index) : ''}`, m.value])) },
    rejectedVarbinds: s.rejectedVarbinds ?? 0,
    interfaces: {
      count: ifs.length,
      ethernet: ifs.filter((i) => i.ifType === 6).length,
      up: ifs.filter((i) => i.operStatus === 'up').length,
      hc: ifs.filter((i) => i.counterBits === 64).length,
      alias: ifs.filter((i) => i.ifAlias !== '').length,
      withSpeed: ifs.filter((i) => i.speedBps !== undefined).length,
      ambiguousKeys: ifs.filter((i) => i.keyAmbiguous).length,
      first: ifs.slice(0, 3).map((i) => ({ ifIndex: i.ifIndex, key: i.key, alias: i.ifAlias, type: i.ifType, oper: i.operStatus, speedBps: i.speedBps ?? null, inOctets: i.inOctets?.toString() ?? null })),
    },
    lldp: { count: s.lldp.length, first: s.lldp[0] ?? null, matchedLocalPorts: s.lldp.filter((n) => n.localIfIndex !== undefined).length },
  };
}

const device = (name: string) => ({
  name,
  type: 'switch' as const,
  address: '127.0.0.1',
  modules: ['system', 'if_mib', 'entity', 'lldp', 'ups'] as const,
  snmp: { version: '2c' as const, level: 'authPriv' as const, authProtocol: 'sha' as const, privProtocol: 'aes' as const, port: 161, timeoutMs: 1000, retries: 0, maxRepetitions: 25 },
});

describe('recorded devices decode to their expected summaries', () => {
  it('finds the recordings', () => expect(files.length).toBeGreaterThanOrEqual(14));

  it.each(files)('%s', async (file) => {
    const stem = file.replace(/\.snmprec$/, '');
    const src = SnmprecSource.fromFile(join(dir, file));
    const r = await pollOnce({ ...device(stem), modules: [...device(stem).modules] }, undefined, { source: src });
    const got = JSON.parse(JSON.stringify(summary(r.snapshot)));
    const path = join(here, 'expected', `${stem}.json`);
    if (update || !existsSync(path)) writeFileSync(path, JSON.stringify(got, null, 2) + '\n');
    expect(got).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    expect(r.pdusSent).toBeGreaterThan(0);
  });
});
