import { defineStrings } from '../i18n/define.ts';

export const roomStrings = defineStrings(
  {
    room: {
      back: 'Danh sách cuộc họp',
      loading: 'Đang vào phòng họp…',
      offlineCopy: 'Đang dùng bản lưu trên máy: không kết nối được máy chủ.',
      tabs: { agenda: 'Chương trình', document: 'Tài liệu', session: 'Phiên họp', conference: 'Hội nghị' },
    },
  },
  {
    room: {
      back: 'Meetings',
      loading: 'Entering the meeting…',
      offlineCopy: 'Showing the copy saved on this device: the server cannot be reached.',
      tabs: { agenda: 'Agenda', document: 'Document', session: 'Session', conference: 'Conference' },
    },
  },
);
