import { Box } from 'ink';
import { useT } from '../i18n/index.js';
import { sortKeyOf, type UiState } from '../navigation.js';
import type { Screen } from '../screen.js';
import { Header } from './Header.js';
import { OverviewTable } from './OverviewTable.js';
import { SwitchView } from './SwitchView.js';
import { UpsView } from './UpsView.js';
import { PbxView } from './PbxView.js';
import { StatusBar } from './StatusBar.js';
import { Help } from './Help.js';
import { EventList } from './EventList.js';
import { Neighbours, type TopologyView } from './Neighbours.js';
import type { EventLogState } from '../../../monitoring/events/index.js';

export type DashboardProps = { site: string; screen: Screen; ui: UiState; now: number; width: number; height: number; events?: EventLogState; topology?: TopologyView };

const clockOf = (now: number) => new Date(now).toTimeString().slice(0, 8);

/** The whole frame: header, the current view, the status line. Pure: everything comes in props. */
export function Dashboard({ site, screen, ui, now, width, height, events, topology }: DashboardProps) {
  const t = useT();
  const body = Math.max(3, height - 3);
  const v = ui.view;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header site={site} counts={screen.counts} total={screen.total} clock={clockOf(now)} view={v} width={width} />
      <Box flexDirection="column" height={body}>
        {ui.help ? (
          <Help height={body} />
        ) : v === 'overview' ? (
          <OverviewTable rows={screen.overview} selectedKey={ui.selected.overview} width={width} height={body} filter={ui.filter.overview} />
        ) : v === 'switch' && ui.neighbours ? (
          <Neighbours focus={screen.switch} topology={topology} width={width} height={body} />
        ) : v === 'events' ? (
          <EventList log={events} filter={ui.filter.events} width={width} height={body} />
        ) : v === 'switch' ? (
          <SwitchView focus={screen.switch} selectedKey={ui.selected.switch} detail={ui.detail} filter={ui.filter.switch} width={width} height={body} />
        ) : v === 'ups' ? (
          <UpsView focus={screen.ups} width={width} />
        ) : (
          <PbxView summary={screen.pbx} rows={screen.extensions} selectedKey={ui.selected.pbx} filter={ui.filter.pbx} now={now} width={width} height={body} />
        )}
      </Box>
      <StatusBar filtering={ui.filtering} filter={ui.filter[v]} sortLabel={t.sortBy[sortKeyOf(ui)]} width={width} />
    </Box>
  );
}
