/**
 * Zoom of the reader: fitted to the stage or a percentage of the printed
 * size (100 % = the paper's real size on a 96 dpi screen, as in pdf.js).
 */
export type Zoom = { mode: 'fit-width' } | { mode: 'fit-page' } | { mode: 'percent'; percent: number };

export const ZOOM_PERCENTS = [50, 75, 100, 125, 150, 200, 300, 400] as const;

/** pdf.js viewport scale of 100 %: PDF points (1/72 in) to CSS pixels (1/96 in). */
const CSS_PIXELS_PER_POINT = 96 / 72;

/** Room left around the page inside the stage (its padding, both sides). */
export const STAGE_GUTTER = 24;

export interface Size {
  width: number;
  height: number;
}

/**
 * The pdf.js viewport scale for a page at a zoom in a stage of the given
 * size; `page` is the page's viewport at scale 1. Rounded so that the same
 * zoom always yields the same scale (it keys the canvas cache).
 */
export function scaleForZoom(zoom: Zoom, page: Size, stage: Size): number {
  const width = Math.max(1, stage.width - STAGE_GUTTER);
  const height = Math.max(1, stage.height - STAGE_GUTTER);
  let scale: number;
  if (zoom.mode === 'percent') scale = (zoom.percent / 100) * CSS_PIXELS_PER_POINT;
  else if (zoom.mode === 'fit-width') scale = width / page.width;
  else scale = Math.min(width / page.width, height / page.height);
  return Math.round(Math.min(Math.max(scale, 0.1), 8) * 1000) / 1000;
}

/** The percentage a scale shows, for stepping from a fitted zoom. */
export function percentOfScale(scale: number): number {
  return (scale / CSS_PIXELS_PER_POINT) * 100;
}

/** The next preset percentage above (direction 1) or below (-1) the current scale, or null at the end. */
export function steppedZoom(scale: number, direction: 1 | -1): Zoom | null {
  const current = percentOfScale(scale);
  const presets = direction === 1 ? ZOOM_PERCENTS.filter((percent) => percent > current + 0.5) : ZOOM_PERCENTS.filter((percent) => percent < current - 0.5).reverse();
  const percent = presets[0];
  return percent === undefined ? null : { mode: 'percent', percent };
}

/** The value of the zoom menu for a zoom ("fit-width", "fit-page" or the percentage). */
export function zoomValue(zoom: Zoom): string {
  return zoom.mode === 'percent' ? String(zoom.percent) : zoom.mode;
}

/** The zoom a menu value stands for. */
export function zoomFromValue(value: string): Zoom {
  if (value === 'fit-width' || value === 'fit-page') return { mode: value };
  return { mode: 'percent', percent: Number(value) };
}
