import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { vi } from './vi.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'dien-hong.language';

function savedLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'vi';
}

/** Vietnamese by default; the choice is remembered on this device. */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: savedLanguage(),
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    /** Makes `t('…')` keys checked at compile time against the Vietnamese resources. */
    resources: { translation: typeof vi };
  }
}
