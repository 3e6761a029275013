// Colour and symbols. Every state has a symbol so the display reads the same without colour
// (NO_COLOR, --no-color, monochrome terminals); colour only adds emphasis.
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Health, PortState } from '../../monitoring/health.js';

export type Theme = { color: boolean };

const ThemeContext = createContext<Theme | null>(null);

export function ThemeProvider({ color, children }: { color: boolean; children?: ReactNode }) {
  return createElement(ThemeContext.Provider, { value: { color } }, children);
}

export function useTheme(): Theme {
  const t = useContext(ThemeContext);
  if (!t) throw new Error('useTheme() used outside <ThemeProvider>');
  return t;
}

export const PORT_SYMBOL: Record<PortState, string> = {
  'admin-down': '-',
  down: '✗',
  erroring: '!',
  saturated: '█',
  busy: '▄',
  idle: '○',
};

export const PORT_COLOR: Record<PortState, string> = {
  'admin-down': 'gray',
  down: 'red',
  erroring: 'yellow',
  saturated: 'magenta',
  busy: 'cyan',
  idle: 'green',
};

export const HEALTH_SYMBOL: Record<Health, string> = { down: '✗', degraded: '▲', pending: '…', up: '✓' };
export const HEALTH_COLOR: Record<Health, string> = { down: 'red', degraded: 'yellow', pending: 'gray', up: 'green' };

/** Ink colour prop for a state, or undefined when colour is off. */
export const tint = (theme: Theme, color: string | undefined): string | undefined => (theme.color ? color : undefined);
