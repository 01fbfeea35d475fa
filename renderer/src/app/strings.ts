import { defineStrings } from '../i18n/define.ts';

export const appStrings = defineStrings(
  {
    app: {
      name: 'Diên Hồng',
      tagline: 'Họp không giấy và hội nghị truyền hình',
    },
    language: { label: 'Ngôn ngữ', vi: 'Tiếng Việt', en: 'English' },
    errors: {
      network: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
      bad_request: 'Dữ liệu gửi lên không hợp lệ.',
      unauthorized: 'Bạn cần đăng nhập lại.',
      forbidden: 'Bạn không có quyền thực hiện thao tác này.',
      not_found: 'Không tìm thấy nội dung yêu cầu.',
      conflict: 'Thao tác xung đột với thay đổi khác. Vui lòng thử lại.',
      payload_too_large: 'Dữ liệu quá lớn.',
      rate_limited: 'Bạn thao tác quá nhanh. Vui lòng đợi một lát.',
      unknown_method: 'Ứng dụng và máy chủ không cùng phiên bản. Hãy tải lại trang.',
      unavailable: 'Dịch vụ tạm thời không sẵn sàng. Vui lòng thử lại sau.',
      internal: 'Máy chủ gặp sự cố. Vui lòng thử lại sau.',
      reasons: {
        already_voted: 'Bạn đã biểu quyết trong lần này rồi; mỗi đại biểu chỉ có một phiếu.',
        poll_not_open: 'Biểu quyết này không còn mở: có thể chủ tọa vừa kết thúc hoặc hủy.',
        not_eligible: 'Bạn không thuộc danh sách đại biểu được biểu quyết trong phiên họp này.',
      },
    },
    user: { signOut: 'Đăng xuất' },
    connection: {
      connected: 'Đã kết nối',
      connecting: 'Đang kết nối…',
      offline: 'Mất kết nối, đang thử lại…',
    },
  },
  {
    app: {
      name: 'Diên Hồng',
      tagline: 'Paperless meetings and video conferencing',
    },
    language: { label: 'Language', vi: 'Tiếng Việt', en: 'English' },
    errors: {
      network: 'Cannot reach the server. Check the network and try again.',
      bad_request: 'The request was not valid.',
      unauthorized: 'Please sign in again.',
      forbidden: 'You are not allowed to do this.',
      not_found: 'The requested item was not found.',
      conflict: 'This conflicts with another change. Please try again.',
      payload_too_large: 'The data is too large.',
      rate_limited: 'Too many requests. Please wait a moment.',
      unknown_method: 'The app and the server versions differ. Please reload.',
      unavailable: 'The service is temporarily unavailable. Please try again later.',
      internal: 'The server had a problem. Please try again later.',
      reasons: {
        already_voted: 'You have already voted in this poll; each delegate has one ballot.',
        poll_not_open: 'This poll is no longer open: the chair may have just closed or cancelled it.',
        not_eligible: 'You are not among the delegates entitled to vote in this session.',
      },
    },
    user: { signOut: 'Sign out' },
    connection: {
      connected: 'Connected',
      connecting: 'Connecting…',
      offline: 'Connection lost, retrying…',
    },
  },
);
