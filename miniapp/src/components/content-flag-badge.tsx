import { Text } from '@tarojs/components';
import { CONTENT_FLAG_LABELS, type ContentFlag } from '@sa/contracts';
import './content-flag-badge.css';

/** Staff see why a record wants a second look: 内容待复核, 未经内容安全检测 or 图片疑似违规 (WeChat's content check). */
export function ContentFlagBadge({ flag }: { flag: ContentFlag | null | undefined }) {
  if (!flag) return null;
  return <Text className={`tag content-flag content-flag-${flag.toLowerCase().replace('_', '-')}`}>{CONTENT_FLAG_LABELS[flag]}</Text>;
}
