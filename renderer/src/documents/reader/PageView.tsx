import { useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type { PageViewport } from 'pdfjs-dist';
import type { PageRenderer } from './page-renderer.ts';

interface Props {
  renderer: PageRenderer;
  /** The renderer's version: a new canvas may be ready. */
  version: number;
  pageNumber: number;
  scale: number;
  viewport: PageViewport;
  /** Layers above the canvas (text layer, overlays), sized to the page. */
  children: ReactNode;
}

/**
 * The visible page: a box of the page's size at the current zoom holding
 * the rendered canvas (from the renderer's cache, so a pre-rendered page
 * appears in the same frame as the key press) and the layers above it.
 * While the exact zoom renders, a canvas of another zoom is stretched in.
 *
 * Test and benchmark hooks: the shown canvas has data-testid="pdf-page";
 * the box has data-rendered="true" once the canvas at this exact zoom is in.
 */
export function PageView({ renderer, version, pageNumber, scale, viewport, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (!host.current || !box.current) return;
    const exact = renderer.pageCanvas(pageNumber, scale);
    const canvas = exact ?? renderer.anyPageCanvas(pageNumber);
    const shown = host.current.firstElementChild;
    if (shown !== canvas) {
      shown?.removeAttribute('data-testid');
      if (canvas) host.current.replaceChildren(canvas);
      else host.current.replaceChildren();
    }
    if (canvas) {
      canvas.setAttribute('data-testid', 'pdf-page');
      canvas.dataset.page = String(pageNumber);
    }
    box.current.dataset.rendered = exact ? 'true' : 'false';
  }, [renderer, version, pageNumber, scale]);

  const style = {
    width: `${Math.floor(viewport.width)}px`,
    height: `${Math.floor(viewport.height)}px`,
    '--total-scale-factor': String(viewport.scale * viewport.userUnit),
  } as CSSProperties;
  return (
    <div ref={box} className="reader-page" data-page-number={pageNumber} style={style}>
      <div ref={host} className="reader-canvas-host" />
      {children}
    </div>
  );
}
