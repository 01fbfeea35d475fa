import { defineStrings } from '../i18n/define.ts';

export const roomStrings = defineStrings(
  {
    room: {
      back: 'Danh sách cuộc họp',
      loading: 'Đang vào phòng họp…',
      tabs: { agenda: 'Chương trình', document: 'Tài liệu', conference: 'Hội nghị' },
    },
  },
  {
    room: {
      back: 'Meetings',
      loading: 'Entering the meeting…',
      tabs: { agenda: 'Agenda', document: 'Document', conference: 'Conference' },
    },
  },
);
