import type { Annotation } from '#protocol/collab/annotations.ts';
import { pdfRectToView, pdfToView, type ViewportTransform } from './coordinates.ts';

/** Size of a note's icon on screen, in CSS pixels (constant at every zoom, like a pin). */
export const NOTE_ICON_PX = 28;
/** How close a tap must be to an ink stroke to pick it, in CSS pixels (fingers are wide). */
const INK_TOLERANCE_PX = 10;

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The topmost annotation under a point given in page-relative screen pixels, if any. */
export function annotationAt(annotations: Annotation[], [x, y]: readonly [number, number], transform: ViewportTransform): Annotation | null {
  for (const annotation of [...annotations].reverse()) {
    if (annotation.kind === 'note') {
      const [nx, ny] = pdfToView(annotation.at, transform);
      if (x >= nx && x <= nx + NOTE_ICON_PX && y >= ny && y <= ny + NOTE_ICON_PX) return annotation;
    } else if (annotation.kind === 'highlight') {
      const hit = annotation.rects.some((rect) => {
        const box = pdfRectToView(rect, transform);
        return x >= box.left && x <= box.left + box.width && y >= box.top && y <= box.top + box.height;
      });
      if (hit) return annotation;
    } else {
      for (const stroke of annotation.strokes) {
        for (let index = 2; index < stroke.length; index += 2) {
          const [ax, ay] = pdfToView([stroke[index - 2] ?? 0, stroke[index - 1] ?? 0], transform);
          const [bx, by] = pdfToView([stroke[index] ?? 0, stroke[index + 1] ?? 0], transform);
          if (distanceToSegment(x, y, ax, ay, bx, by) <= INK_TOLERANCE_PX) return annotation;
        }
      }
    }
  }
  return null;
}
