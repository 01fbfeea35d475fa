import { defineStrings } from '../i18n/define.ts';

export const conferenceStrings = defineStrings(
  {
    conference: {
      title: 'Hội nghị truyền hình',
      join: 'Tham gia hội nghị',
      joining: 'Đang kết nối hội nghị…',
      leave: 'Rời hội nghị',
      mute: 'Tắt micro',
      unmute: 'Bật micro',
      cameraOff: 'Tắt camera',
      cameraOn: 'Bật camera',
      you: '{{name}} (bạn)',
      alone: 'Chưa có ai khác trong hội nghị.',
      deviceDenied: 'Không dùng được camera hoặc micro. Hãy cho phép ứng dụng truy cập thiết bị.',
      failed: 'Không kết nối được hội nghị. {{reason}}',
      micMuted: 'Micro đang tắt',
      cameraIsOff: 'Camera đang tắt',
      stats: '{{width}}×{{height}} · {{fps}} khung/giây',
    },
  },
  {
    conference: {
      title: 'Video conference',
      join: 'Join the conference',
      joining: 'Connecting to the conference…',
      leave: 'Leave the conference',
      mute: 'Mute',
      unmute: 'Unmute',
      cameraOff: 'Camera off',
      cameraOn: 'Camera on',
      you: '{{name}} (you)',
      alone: 'Nobody else is in the conference yet.',
      deviceDenied: 'The camera or microphone cannot be used. Please allow access to your devices.',
      failed: 'Could not connect to the conference. {{reason}}',
      micMuted: 'Microphone off',
      cameraIsOff: 'Camera off',
      stats: '{{width}}×{{height}} · {{fps}} fps',
    },
  },
);
