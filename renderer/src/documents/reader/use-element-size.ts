import { useLayoutEffect, useState, type RefObject } from 'react';
import type { Size } from './zoom.ts';

/** An element's inner size (client width and height), kept current with a ResizeObserver. */
export function useElementSize(element: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const target = element.current;
    if (!target) return;
    const measure = () =>
      setSize((previous) =>
        previous.width === target.clientWidth && previous.height === target.clientHeight ? previous : { width: target.clientWidth, height: target.clientHeight },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return size;
}
