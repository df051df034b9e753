export { ApiError, getToken, loginAsDemoUser, loginWithPassword, loginWithWechat, logout } from './client';
export * from './endpoints';
