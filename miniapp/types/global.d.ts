/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** API origin, fixed at build time: '' on h5 (same origin as the portal), SA_API_BASE_URL on weapp. */
declare const API_BASE_URL: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** the platform being built */
    TARO_ENV: 'weapp' | 'h5';
  }
}
