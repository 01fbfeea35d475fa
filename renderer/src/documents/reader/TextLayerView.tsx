import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { TextLayer, type PageViewport, type PDFPageProxy } from 'pdfjs-dist';
import type { TextRange } from '../search/match.ts';
import type { PageText } from '../search/page-text.ts';
import type { PageTextIndex } from '../search/page-text-index.ts';
import { paintHighlights } from './text-highlights.ts';

interface Props {
  page: PDFPageProxy;
  viewport: PageViewport;
  index: PageTextIndex;
  /** Search matches on this page, as offsets into the page's text. */
  matches: readonly TextRange[];
  /** Which of `matches` is the current one, if any. */
  selectedMatch: number | null;
  /** Called with the current match's span once painted, to scroll it into view. */
  onReveal: (element: HTMLElement) => void;
}

/**
 * pdf.js's text layer over the page: transparent, selectable text exactly
 * over the drawn glyphs, carrying the search highlights. Built once per
 * page; a zoom only changes the CSS scale factor the layer is sized by.
 */
export function TextLayerView({ page, viewport, index, matches, selectedMatch, onReveal }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const latestViewport = useRef(viewport);
  latestViewport.current = viewport;
  const [layer, setLayer] = useState<{ textLayer: TextLayer; pageText: PageText } | null>(null);

  useEffect(() => {
    const container = document.createElement('div');
    container.className = 'textLayer';
    host.current?.replaceChildren(container);
    let live = true;
    let textLayer: TextLayer | undefined;
    page
      .getTextContent()
      .then((content) => {
        if (!live) return;
        const pageText = index.remember(page.pageNumber, content);
        const rendering = new TextLayer({ textContentSource: content, container, viewport: latestViewport.current });
        textLayer = rendering;
        return rendering.render().then(() => live && setLayer({ textLayer: rendering, pageText }));
      })
      .catch(() => undefined);
    return () => {
      live = false;
      textLayer?.cancel();
      container.remove();
      setLayer(null);
    };
  }, [page, index]);

  useEffect(() => {
    layer?.textLayer.update({ viewport });
  }, [layer, viewport]);

  useLayoutEffect(() => {
    if (!layer) return;
    const selected = paintHighlights(layer.textLayer, layer.pageText, matches, selectedMatch);
    if (selected) onReveal(selected);
    // onReveal is left out on purpose: a new callback must not scroll back to the match.
  }, [layer, matches, selectedMatch]);

  return <div ref={host} className="reader-text-host" />;
}
