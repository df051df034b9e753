import { ApiError } from '../api';
import { notify } from './notify';

/** A form the user must correct before anything is sent; the message is for the user. */
export class FormError extends Error {
  constructor(message = '请检查填写的内容') {
    super(message);
    this.name = 'FormError';
  }
}

/** The server's or the form's Chinese message; never a stack trace or an English code. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError || error instanceof FormError ? error.message : '操作失败，请稍后再试';
}

export function showError(error: unknown): void {
  notify(errorMessage(error), 'error');
}
