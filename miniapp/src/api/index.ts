export { ApiError, bindWechatToStaff, getToken, loginAsDemoUser, loginWithPassword, loginWithWechat, logout, onSessionEnded } from './client';
export * from './endpoints';
export * from './admin';
export * from './workbench';
