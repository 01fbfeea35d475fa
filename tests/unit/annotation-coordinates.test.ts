import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  mergeLineRects,
  pdfRectToView,
  pdfToView,
  viewRectToPdf,
  viewToPdf,
} from '../../renderer/src/annotations/coordinates.ts';

/** A real pdf.js page (A4 portrait) so the transforms are checked against pdf.js's own viewports. */
let page: Awaited<ReturnType<Awaited<ReturnType<typeof getDocument>['promise']>['getPage']>>;

beforeAll(async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage([595.28, 841.89]);
  const loaded = await getDocument({ data: await pdf.save(), verbosity: 0 }).promise;
  page = await loaded.getPage(1);
});

const cases = [0.5, 1, 1.5, 3].flatMap((scale) => [0, 90, 180, 270].map((rotation) => ({ scale, rotation })));

describe('annotation coordinates stay exact at every zoom and rotation', () => {
  it.each(cases)('maps PDF points to the screen exactly as pdf.js does (scale $scale, rotation $rotation)', ({ scale, rotation }) => {
    const viewport = page.getViewport({ scale, rotation });
    for (const point of [[0, 0], [72, 700], [595.28, 841.89], [300.5, 12.25]] as const) {
      const [x, y] = pdfToView(point, viewport.transform);
      const [expectedX, expectedY] = viewport.convertToViewportPoint(point[0], point[1]) as [number, number];
      expect(x).toBeCloseTo(expectedX, 6);
      expect(y).toBeCloseTo(expectedY, 6);
    }
  });

  it.each(cases)('round-trips screen ↔ PDF points (scale $scale, rotation $rotation)', ({ scale, rotation }) => {
    const viewport = page.getViewport({ scale, rotation });
    const back = viewToPdf(pdfToView([123.4, 567.8], viewport.transform), viewport.transform);
    expect(back[0]).toBeCloseTo(123.4, 9);
    expect(back[1]).toBeCloseTo(567.8, 9);
  });

  it('stores a highlight drawn at 150% so that it covers the same text at 60%', () => {
    const zoomed = page.getViewport({ scale: 1.5 });
    const stored = viewRectToPdf({ left: 150, top: 300, width: 450, height: 30 }, zoomed.transform);
    const small = pdfRectToView(stored, page.getViewport({ scale: 0.6 }).transform);
    expect(small.left).toBeCloseTo(60, 9);
    expect(small.top).toBeCloseTo(120, 9);
    expect(small.width).toBeCloseTo(180, 9);
    expect(small.height).toBeCloseTo(12, 9);
  });

  it('keeps PDF rectangles normalised (x1 ≤ x2, y1 ≤ y2) even on rotated pages', () => {
    const rotated = page.getViewport({ scale: 2, rotation: 90 });
    const [x1, y1, x2, y2] = viewRectToPdf({ left: 10, top: 20, width: 100, height: 40 }, rotated.transform);
    expect(x1).toBeLessThanOrEqual(x2);
    expect(y1).toBeLessThanOrEqual(y2);
    expect(pdfRectToView([x1, y1, x2, y2], rotated.transform)).toEqual({
      left: expect.closeTo(10, 9),
      top: expect.closeTo(20, 9),
      width: expect.closeTo(100, 9),
      height: expect.closeTo(40, 9),
    });
  });
});

describe('text selection rectangles', () => {
  it('merge into one rectangle per line and drop empty ones', () => {
    const merged = mergeLineRects([
      { left: 10, top: 100, width: 50, height: 14 },
      { left: 62, top: 101, width: 80, height: 13 },
      { left: 10, top: 120, width: 40, height: 14 },
      { left: 200, top: 120, width: 0, height: 14 },
    ]);
    expect(merged).toEqual([
      { left: 10, top: 100, width: 132, height: 14 },
      { left: 10, top: 120, width: 40, height: 14 },
    ]);
  });
});
