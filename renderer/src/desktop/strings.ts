import { defineStrings } from '../i18n/define.ts';

export const desktopStrings = defineStrings(
  {
    server: {
      title: 'Kết nối máy chủ Diên Hồng',
      intro: 'Nhập địa chỉ máy chủ do đơn vị quản trị cung cấp, ví dụ https://hop.quangninh.gov.vn.',
      url: 'Địa chỉ máy chủ',
      save: 'Kết nối',
      saving: 'Đang kết nối…',
      current: 'Máy chủ: {{url}}',
      change: 'Đổi máy chủ',
      invalidUrl: 'Địa chỉ không hợp lệ. Máy chủ phải dùng https:// (chỉ máy này mới được dùng http://localhost).',
      authority: 'Chứng thư số nội bộ (CA)',
      authorityHint: 'Chỉ cần khi mạng của cơ quan dùng chứng thư số riêng. Chọn tệp .pem hoặc .crt do bộ phận CNTT cung cấp.',
      authorityAdded: 'Đã tin cậy chứng thư: {{subject}}',
      authorityRefused: {
        unreadable: 'Không đọc được tệp chứng thư. Hãy chọn tệp .pem hoặc .crt.',
        not_ca: 'Tệp này không phải chứng thư của tổ chức cấp (CA).',
        expired: 'Chứng thư này đã hết hạn hoặc chưa có hiệu lực.',
        invalid_url: 'Địa chỉ không hợp lệ.',
        unsupported: 'Chức năng này chỉ có trong ứng dụng máy tính.',
      },
    },
  },
  {
    server: {
      title: 'Connect to the Diên Hồng server',
      intro: 'Enter the server address your administrator gave you, for example https://hop.quangninh.gov.vn.',
      url: 'Server address',
      save: 'Connect',
      saving: 'Connecting…',
      current: 'Server: {{url}}',
      change: 'Change server',
      invalidUrl: 'This address is not valid. The server must use https:// (only this machine may use http://localhost).',
      authority: 'Internal certificate authority (CA)',
      authorityHint: 'Only needed when your organisation’s network uses its own certificates. Choose the .pem or .crt file from your IT department.',
      authorityAdded: 'Now trusted: {{subject}}',
      authorityRefused: {
        unreadable: 'The certificate file cannot be read. Choose a .pem or .crt file.',
        not_ca: 'This file is not a certificate authority (CA) certificate.',
        expired: 'This certificate has expired or is not valid yet.',
        invalid_url: 'This address is not valid.',
        unsupported: 'This is only available in the desktop app.',
      },
    },
  },
);
