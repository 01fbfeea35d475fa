import type { ReactNode } from 'react';

/** A failure sentence, announced to screen readers; renders nothing when there is none. */
export function ErrorMessage({ children, className }: { children: ReactNode; className?: string }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <p className={className ? `error ${className}` : 'error'} role="alert">
      {children}
    </p>
  );
}
