export * from './errors';
export * from './common';
export * from './auth';
export * from './calendar';
export * from './registry';
export * from './complaints';
export * from './notifications';
export * from './uploads';
