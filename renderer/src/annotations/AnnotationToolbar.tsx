import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ANNOTATION_COLORS, type AnnotationColor } from '#protocol/collab/annotations.ts';
import type { AnnotationMode } from './AnnotationLayer.tsx';
import { cssColor } from './colors.ts';

/** 24-px line icons: a narrow vertical palette leaves the page its full height on a tablet. */
const ICONS: Record<AnnotationMode | 'export', ReactNode> = {
  select: <path d="M6 3l12 9-5.5 1 3.5 7-2.5 1.2-3.4-7L6 18z" />,
  highlight: <path d="M4 20h7M14.5 4.5l5 5L11 18H6v-5z" />,
  ink: <path d="M3 17c3-6 5 4 8-2s4-7 7-3M17 3l4 4-9 9-4 1 1-4z" />,
  note: <path d="M5 4h14v11l-5 5H5zM14 20v-5h5M8 9h8M8 12h5" />,
  export: <path d="M12 3v12M7 10l5 5 5-5M5 20h14" />,
};

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {ICONS[name]}
    </svg>
  );
}

const MODES: AnnotationMode[] = ['select', 'highlight', 'ink', 'note'];

/** The annotation tools as a vertical palette beside the reader: tool, colour, export. */
export function AnnotationToolbar({
  mode,
  onModeChange,
  color,
  onColorChange,
  onExport,
  exporting,
}: {
  mode: AnnotationMode;
  onModeChange(mode: AnnotationMode): void;
  color: AnnotationColor;
  onColorChange(color: AnnotationColor): void;
  onExport(): void;
  exporting: boolean;
}) {
  const { t } = useTranslation();
  const [paletteOpen, setPaletteOpen] = useState(false);
  return (
    <div className="annotation-toolbar" role="toolbar" aria-orientation="vertical" aria-label={t('annotations.tools')}>
      {MODES.map((candidate) => (
        <button
          key={candidate}
          type="button"
          className="tool-button"
          aria-pressed={mode === candidate}
          aria-label={t(`annotations.${candidate}`)}
          title={t(`annotations.${candidate}`)}
          onClick={() => onModeChange(candidate)}
        >
          <Icon name={candidate} />
        </button>
      ))}
      <div className="annotation-palette">
        <button
          type="button"
          className="tool-button"
          aria-expanded={paletteOpen}
          aria-label={`${t('annotations.color')}: ${t(`annotations.colors.${color}`)}`}
          title={t('annotations.color')}
          onClick={() => setPaletteOpen((open) => !open)}
        >
          <span className="color-dot" style={{ background: cssColor(color) }} />
        </button>
        {paletteOpen && (
          <span className="annotation-colors" role="radiogroup" aria-label={t('annotations.color')}>
            {ANNOTATION_COLORS.map((candidate) => (
              <button
                key={candidate}
                type="button"
                role="radio"
                aria-checked={color === candidate}
                aria-label={t(`annotations.colors.${candidate}`)}
                className="color-chip"
                style={{ background: cssColor(candidate) }}
                onClick={() => {
                  onColorChange(candidate);
                  setPaletteOpen(false);
                }}
              />
            ))}
          </span>
        )}
      </div>
      <button
        type="button"
        className="tool-button"
        aria-label={t('annotations.export')}
        title={exporting ? t('annotations.exporting') : t('annotations.export')}
        aria-busy={exporting}
        onClick={onExport}
        disabled={exporting}
      >
        <Icon name="export" />
      </button>
    </div>
  );
}
