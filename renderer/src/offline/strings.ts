import { defineStrings } from '../i18n/define.ts';

export const offlineStrings = defineStrings(
  {
    offline: {
      downloading: 'Đang tải tài liệu để đọc khi mất mạng: {{ready}}/{{total}}',
      ready: '{{count}} tài liệu của các kỳ họp sắp tới đã sẵn sàng để đọc khi mất mạng.',
      partly: 'Đã tải {{ready}}/{{total}} tài liệu; số còn lại sẽ được tải khi có mạng.',
    },
  },
  {
    offline: {
      downloading: 'Downloading documents for offline reading: {{ready}}/{{total}}',
      ready: '{{count}} documents of upcoming meetings are ready to read offline.',
      partly: '{{ready}}/{{total}} documents downloaded; the rest will follow when the network is back.',
    },
  },
);
