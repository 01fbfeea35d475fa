import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { agendaStrings } from '../agenda/strings.ts';
import { annotationsStrings } from '../annotations/strings.ts';
import { appStrings } from '../app/strings.ts';
import { attendanceStrings } from '../attendance/strings.ts';
import { authStrings } from '../auth/strings.ts';
import { conferenceStrings } from '../conference/strings.ts';
import { desktopStrings } from '../desktop/strings.ts';
import { documentsStrings } from '../documents/strings.ts';
import { floorStrings } from '../floor/strings.ts';
import { meetingsStrings } from '../meetings/strings.ts';
import { notificationsStrings } from '../notifications/strings.ts';
import { offlineStrings } from '../offline/strings.ts';
import { preparationStrings } from '../preparation/strings.ts';
import { presentationStrings } from '../presentation/strings.ts';
import { roomStrings } from '../room/strings.ts';
import { sessionStrings } from '../session/strings.ts';
import { votingStrings } from '../voting/strings.ts';

/** Each domain keeps its strings beside its code; here they become one table per language. */
const vi = {
  ...appStrings.vi,
  ...authStrings.vi,
  ...meetingsStrings.vi,
  ...roomStrings.vi,
  ...agendaStrings.vi,
  ...documentsStrings.vi,
  ...conferenceStrings.vi,
  ...desktopStrings.vi,
  ...offlineStrings.vi,
  ...notificationsStrings.vi,
  ...preparationStrings.vi,
  ...annotationsStrings.vi,
  ...presentationStrings.vi,
  ...sessionStrings.vi,
  ...attendanceStrings.vi,
  ...floorStrings.vi,
  ...votingStrings.vi,
};
const en = {
  ...appStrings.en,
  ...authStrings.en,
  ...meetingsStrings.en,
  ...roomStrings.en,
  ...agendaStrings.en,
  ...documentsStrings.en,
  ...conferenceStrings.en,
  ...desktopStrings.en,
  ...offlineStrings.en,
  ...notificationsStrings.en,
  ...preparationStrings.en,
  ...annotationsStrings.en,
  ...presentationStrings.en,
  ...sessionStrings.en,
  ...attendanceStrings.en,
  ...floorStrings.en,
  ...votingStrings.en,
};

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'dien-hong.language';

function savedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
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
    /** Makes `t('…')` keys checked at compile time against the Vietnamese table. */
    resources: { translation: typeof vi };
  }
}
