import { defineStrings } from '../i18n/define.ts';

export const authStrings = defineStrings(
  {
    login: {
      title: 'Đăng nhập',
      username: 'Tên đăng nhập',
      password: 'Mật khẩu',
      submit: 'Đăng nhập',
      submitting: 'Đang đăng nhập…',
      failed: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      rateLimited: 'Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.',
      expired: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    },
  },
  {
    login: {
      title: 'Sign in',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      submitting: 'Signing in…',
      failed: 'The username or password is incorrect.',
      rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
      expired: 'Your session has expired. Please sign in again.',
    },
  },
);
