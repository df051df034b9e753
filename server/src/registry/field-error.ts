import { DomainException } from '../common/domain-exception';

/** A field of the submitted form that names something missing or unusable: 400 naming the field, in Chinese. */
export function fieldError(path: string, message: string): DomainException {
  return new DomainException('VALIDATION_FAILED', `提交的内容不符合要求：${path}：${message}`, [{ path, message }]);
}
