import { defineStrings } from '../i18n/define.ts';

export const documentsStrings = defineStrings(
  {
    documents: {
      pick: 'Chọn một mục trong chương trình để đọc tài liệu.',
      none: 'Mục này chưa có tài liệu.',
      loading: 'Đang tải tài liệu… {{percent}}%',
      failed: 'Không mở được tài liệu. Vui lòng thử lại.',
      page: 'Trang {{page}}/{{count}}',
      previous: 'Trang trước',
      next: 'Trang sau',
    },
  },
  {
    documents: {
      pick: 'Choose an agenda item to read its documents.',
      none: 'This item has no documents.',
      loading: 'Loading document… {{percent}}%',
      failed: 'The document could not be opened. Please try again.',
      page: 'Page {{page}} of {{count}}',
      previous: 'Previous page',
      next: 'Next page',
    },
  },
);
