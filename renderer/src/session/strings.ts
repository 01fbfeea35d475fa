import { defineStrings } from '../i18n/define.ts';

export const sessionStrings = defineStrings(
  {
    session: { title: 'Phiên họp' },
  },
  {
    session: { title: 'Session' },
  },
);
