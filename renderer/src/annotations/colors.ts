import type { AnnotationColor } from '#protocol/collab/annotations.ts';

/** Screen and export colours of the annotation palette (RGB 0–1 for pdf-lib, CSS for the screen). */
export const ANNOTATION_RGB: Record<AnnotationColor, readonly [number, number, number]> = {
  yellow: [1, 0.83, 0],
  green: [0.36, 0.84, 0.36],
  blue: [0.35, 0.69, 1],
  pink: [1, 0.49, 0.71],
};

export function cssColor(color: AnnotationColor, alpha = 1): string {
  const [r, g, b] = ANNOTATION_RGB[color].map((channel) => Math.round(channel * 255));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}
