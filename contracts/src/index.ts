import { z } from 'zod';

// No code generated at run time: the portal's Content-Security-Policy has no 'unsafe-eval' and the WeChat
// mini-program forbids eval, so zod must not even probe with new Function (a CSP violation in the browser).
z.config({ jitless: true });

export * from './errors';
export * from './common';
export * from './auth';
export * from './calendar';
export * from './registry';
export * from './complaints';
export * from './notifications';
export * from './uploads';
export * from './workbench';
export * from './content';
export * from './public';
export * from './disclosure';
export * from './content-safety';
export * from './ratings';
export * from './surveys';
export * from './indicators';
export * from './sampling';
export * from './open311';
