import { defineStrings } from '../i18n/define.ts';

export const notificationsStrings = defineStrings(
  {
    notifications: {
      meetingStarted: 'Kỳ họp đã bắt đầu',
      pollOpened: 'Đã mở biểu quyết',
    },
  },
  {
    notifications: {
      meetingStarted: 'The session has started',
      pollOpened: 'A vote is open',
    },
  },
);
