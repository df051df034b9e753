export { ApiError, bindWechatToStaff, getToken, loginAsDemoUser, loginWithPassword, loginWithSms, loginWithWechat, logout, onSessionEnded } from './client';
export * from './endpoints';
export * from './admin';
export * from './partner-keys';
export * from './workbench';
