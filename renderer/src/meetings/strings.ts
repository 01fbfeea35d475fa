import { defineStrings } from '../i18n/define.ts';

export const meetingsStrings = defineStrings(
  {
    meetings: {
      title: 'Cuộc họp của tôi',
      loading: 'Đang tải danh sách cuộc họp…',
      empty: 'Bạn chưa được mời vào cuộc họp nào.',
      open: 'Vào phòng họp',
      prepare: 'Chuẩn bị',
      create: 'Tạo cuộc họp mới',
      startsAt: 'Thời gian',
      location: 'Địa điểm',
      myRole: 'Vai trò của bạn',
      status: { draft: 'Dự thảo', published: 'Đã công bố', in_session: 'Đang họp', closed: 'Đã kết thúc' },
      role: { chair: 'Chủ tọa', secretary: 'Thư ký', delegate: 'Đại biểu', guest: 'Khách mời', site: 'Điểm cầu' },
    },
  },
  {
    meetings: {
      title: 'My meetings',
      loading: 'Loading meetings…',
      empty: 'You have not been invited to any meeting.',
      open: 'Enter the meeting',
      prepare: 'Prepare',
      create: 'Create a new meeting',
      startsAt: 'Time',
      location: 'Place',
      myRole: 'Your role',
      status: { draft: 'Draft', published: 'Published', in_session: 'In session', closed: 'Closed' },
      role: { chair: 'Chair', secretary: 'Secretary', delegate: 'Delegate', guest: 'Guest', site: 'Site' },
    },
  },
);
