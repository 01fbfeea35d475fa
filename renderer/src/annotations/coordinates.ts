import type { PdfRect } from '#protocol/collab/annotations.ts';

/**
 * A pdf.js viewport transform [a, b, c, d, e, f]: PDF user space (points,
 * y up) to viewport pixels (y down), including zoom and page rotation.
 */
export type ViewportTransform = readonly number[];

export type Point = readonly [number, number];

/** Rectangle in viewport pixels, relative to the page's top-left corner. */
export interface ViewRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

function coefficients(transform: ViewportTransform): [number, number, number, number, number, number] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = transform;
  return [a, b, c, d, e, f];
}

export function pdfToView([x, y]: Point, transform: ViewportTransform): [number, number] {
  const [a, b, c, d, e, f] = coefficients(transform);
  return [a * x + c * y + e, b * x + d * y + f];
}

export function viewToPdf([x, y]: Point, transform: ViewportTransform): [number, number] {
  const [a, b, c, d, e, f] = coefficients(transform);
  const determinant = a * d - b * c;
  return [(d * (x - e) - c * (y - f)) / determinant, (a * (y - f) - b * (x - e)) / determinant];
}

/** A PDF rectangle as it appears on screen (any rotation turns it into another axis-aligned rectangle). */
export function pdfRectToView([x1, y1, x2, y2]: PdfRect, transform: ViewportTransform): ViewRect {
  const [ax, ay] = pdfToView([x1, y1], transform);
  const [bx, by] = pdfToView([x2, y2], transform);
  return { left: Math.min(ax, bx), top: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

export function viewRectToPdf(rect: ViewRect, transform: ViewportTransform): PdfRect {
  const [ax, ay] = viewToPdf([rect.left, rect.top], transform);
  const [bx, by] = viewToPdf([rect.left + rect.width, rect.top + rect.height], transform);
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}

/**
 * Joins the many small client rects of a text selection into one rect per
 * line (pdf.js text layers split lines into spans), dropping empty ones.
 */
export function mergeLineRects(rects: ViewRect[]): ViewRect[] {
  const lines: ViewRect[] = [];
  const sorted = rects.filter((rect) => rect.width > 0.5 && rect.height > 0.5).sort((p, q) => p.top - q.top || p.left - q.left);
  for (const rect of sorted) {
    const line = lines.find((candidate) => {
      const overlap = Math.min(candidate.top + candidate.height, rect.top + rect.height) - Math.max(candidate.top, rect.top);
      return overlap > 0.6 * Math.min(candidate.height, rect.height);
    });
    if (!line) {
      lines.push({ ...rect });
      continue;
    }
    const right = Math.max(line.left + line.width, rect.left + rect.width);
    const bottom = Math.max(line.top + line.height, rect.top + rect.height);
    line.left = Math.min(line.left, rect.left);
    line.top = Math.min(line.top, rect.top);
    line.width = right - line.left;
    line.height = bottom - line.top;
  }
  return lines;
}
