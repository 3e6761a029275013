import { Text } from 'ink';
import { useT } from '../i18n/index.js';
import type { Screen } from '../screen.js';
import { DeviceTitle } from './DeviceTitle.js';
import { PortGrid, PortLegend, portsPerLine } from './PortGrid.js';
import { PortTable } from './PortTable.js';
import { PortDetail } from './PortDetail.js';

export type SwitchViewProps = {
  focus: Screen['switch'];
  selectedKey?: string;
  detail: boolean;
  filter: string;
  width: number;
  height: number;
};

/** Title, port grid, legend, then the port list (or the selected port's detail). */
export function SwitchView({ focus, selectedKey, detail, filter, width, height }: SwitchViewProps) {
  const t = useT();
  if (!focus) return <Text>{t.noDevices}</Text>;
  const sel = selectedKey ?? focus.ports[0]?.row.key;
  const gridLines = Math.ceil(focus.allPorts.length / portsPerLine(focus.allPorts.length, width));
  const rest = Math.max(2, height - 2 - gridLines - 1);
  const selectedPort = focus.ports.find((p) => p.row.key === sel);
  return (
    <>
      <DeviceTitle health={focus.health} address={focus.device.address} index={focus.index} count={focus.count} reason={focus.device.reason} />
      <PortGrid ports={focus.allPorts} selectedKey={sel} width={width} />
      <PortLegend />
      {detail && selectedPort ? (
        <PortDetail port={selectedPort} width={width} height={rest} sysUpTime={focus.device.system?.sysUpTime} />
      ) : (
        <PortTable rows={focus.ports} selectedKey={sel} width={width} height={rest} filter={filter} />
      )}
    </>
  );
}
