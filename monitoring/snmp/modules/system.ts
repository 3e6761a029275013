// SNMPv2-MIB system group (RFC 3418).
import type { ModuleSpec } from './spec.js';

export const systemModule: ModuleSpec = {
  name: 'system',
  scalars: {
    sysDescr: '1.3.6.1.2.1.1.1.0',
    sysObjectID: '1.3.6.1.2.1.1.2.0',
    sysUpTime: '1.3.6.1.2.1.1.3.0',
    sysName: '1.3.6.1.2.1.1.5.0',
    sysLocation: '1.3.6.1.2.1.1.6.0',
  },
};
