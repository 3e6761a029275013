// Eaton XUPS-MIB (1.3.6.1.4.1.534.1): only the environment group, for the temperature an Eaton
// card measures next to the UPS. Eaton cards answer RFC 1628 too, but report its
// upsBatteryTemperature as 0 without a sensor (eaton-mgeups_9pxle.snmprec: 0 there, ambient
// 21 °C here).
import type { ModuleSpec } from './spec.js';

export const eatonXupsModule: ModuleSpec = {
  name: 'eaton-xups',
  scalars: {
    xupsEnvAmbientTemp: '1.3.6.1.4.1.534.1.6.1.0', // °C
    xupsEnvAmbientHumidity: '1.3.6.1.4.1.534.1.6.4.0', // %
  },
  ranges: { xupsEnvAmbientTemp: [-100, 200], xupsEnvAmbientHumidity: [0, 100] },
};
