import { defineStrings } from '../i18n/define.ts';

export const presentationStrings = defineStrings(
  {
    presentation: {
      present: 'Trình chiếu tài liệu này',
      stop: 'Dừng trình chiếu',
      youArePresenting: 'Bạn đang trình chiếu: mọi người theo dõi sẽ thấy trang bạn đang xem.',
      following: '{{name}} đang trình chiếu, bạn đang theo dõi.',
      notFollowing: '{{name}} đang trình chiếu trang {{page}}.',
      stopFollowing: 'Tự xem riêng',
      follow: 'Theo dõi trình chiếu',
      failed: 'Không trình chiếu được. {{reason}}',
    },
    versions: {
      newer: 'Đã có phiên bản mới hơn của tài liệu này (phiên bản {{version}}).',
      open: 'Mở phiên bản mới',
    },
  },
  {
    presentation: {
      present: 'Present this document',
      stop: 'Stop presenting',
      youArePresenting: 'You are presenting: followers see the page you are on.',
      following: '{{name}} is presenting; you are following.',
      notFollowing: '{{name}} is presenting page {{page}}.',
      stopFollowing: 'Read on my own',
      follow: 'Follow the presentation',
      failed: 'Could not present. {{reason}}',
    },
    versions: {
      newer: 'A newer version of this document exists (version {{version}}).',
      open: 'Open the new version',
    },
  },
);
