// Which slice of a long list fits in `height` rows while keeping the selected row visible
// (rendering only visible rows keeps a frame cheap with 50 switches × 48 ports).
export function windowAround(total: number, selected: number, height: number): { start: number; end: number } {
  if (height <= 0) return { start: 0, end: 0 };
  if (total <= height) return { start: 0, end: total };
  const sel = Math.min(Math.max(0, selected), total - 1);
  const start = Math.min(Math.max(0, sel - Math.floor(height / 2)), total - height);
  return { start, end: start + height };
}
