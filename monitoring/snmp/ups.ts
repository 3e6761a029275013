// UPS-MIB (RFC 1628), APC PowerNet or Eaton XUPS → UpsStatus. A UPS answers one of the first
// two; RFC 1628 wins when both answer, because its units are defined by the standard. Probes
// (temperature, humidity) come from whichever MIB has them.
import type { EntityInfo, UpsProbe, UpsStatus } from '../model/device.js';
import type { ModuleData } from './rows.js';
import { apcPowernetModule } from './modules/apc-powernet.js';
import { eatonXupsModule } from './modules/eaton-xups.js';
import { upsMibModule } from './modules/ups-mib.js';
import { defined, mibValues, numbersOf } from './ups-lines.js';
import { apcProbes, fromPowerNet } from './ups-powernet.js';
import { fromRfc1628 } from './ups-rfc1628.js';

function eatonProbes(d: ModuleData | undefined): UpsProbe[] {
  if (!d) return [];
  const n = numbersOf(d);
  const t = n('xupsEnvAmbientTemp');
  const h = n('xupsEnvAmbientHumidity');
  return t === undefined && h === undefined ? [] : [defined<UpsProbe>({ name: 'ambient' }, { temperatureC: t, humidityPercent: h })];
}

export function upsFrom(
  rfc: ModuleData | undefined,
  apc: ModuleData | undefined,
  eaton?: ModuleData,
): { status: UpsStatus; entity: EntityInfo } | undefined {
  const probes = [...(apc ? apcProbes(apc) : []), ...eatonProbes(eaton)];
  const ups = (rfc && fromRfc1628(rfc, probes)) ?? (apc && fromPowerNet(apc, probes)) ?? undefined;
  // Every MIB that answered is offered under its own names, whichever one srw's summary reads.
  if (ups)
    ups.status.mib = [
      ...(rfc ? mibValues(upsMibModule, rfc) : []),
      ...(apc ? mibValues(apcPowernetModule, apc) : []),
      ...(eaton ? mibValues(eatonXupsModule, eaton) : []),
    ];
  return ups;
}
