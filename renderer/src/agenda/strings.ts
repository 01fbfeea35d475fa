import { defineStrings } from '../i18n/define.ts';

export const agendaStrings = defineStrings(
  {
    agenda: {
      title: 'Chương trình kỳ họp',
      editHint: 'Bạn là thư ký: sửa tiêu đề trực tiếp, mọi người thấy ngay.',
      empty: 'Chương trình chưa có mục nào.',
      presenter: 'Trình bày: {{name}}',
      minutes: '{{count}} phút',
      itemTitle: 'Tiêu đề mục {{number}}',
    },
  },
  {
    agenda: {
      title: 'Session agenda',
      editHint: 'You are the secretary: edit titles directly, everyone sees them at once.',
      empty: 'The agenda has no items yet.',
      presenter: 'Presented by {{name}}',
      minutes: '{{count}} min',
      itemTitle: 'Title of item {{number}}',
    },
  },
);
