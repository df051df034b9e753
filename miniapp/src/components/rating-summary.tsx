import { Text, View } from '@tarojs/components';
import { isPoorRating, type FlaggedRatingView, type RatingView } from '@sa/contracts';
import { ContentFlagBadge } from './content-flag-badge';
import { formatDateTime } from './format';
import './rating-summary.css';

export const roundLabel = (round: 1 | 2) => (round === 1 ? '首次评价' : '整改后再次评价');

/** One rating as it reads to anyone: its level (a 差评 in red), the round, tags, comment and when; staff also see its content flag. */
export function RatingSummary({ rating, className = '' }: { rating: RatingView | FlaggedRatingView; className?: string }) {
  const poor = isPoorRating(rating.level);
  return (
    <View className={`rating-summary rating-summary-${rating.level}${poor ? ' rating-summary-poor' : ''} ${className}`}>
      <View className='rating-summary-head'>
        <Text className='rating-summary-level'>{rating.levelLabel}</Text>
        {poor && <Text className='tag rating-summary-poor-tag'>差评</Text>}
        {'contentFlag' in rating && <ContentFlagBadge flag={rating.contentFlag} />}
        <Text className='muted rating-summary-round'>
          {roundLabel(rating.round)} · {formatDateTime(rating.createdAt)}
        </Text>
      </View>
      {rating.tags.length > 0 && (
        <View className='rating-summary-tags'>
          {rating.tags.map((tag) => (
            <Text key={tag} className='tag'>
              {tag}
            </Text>
          ))}
        </View>
      )}
      {rating.comment && <View className='detail-row rating-summary-comment'>{rating.comment}</View>}
    </View>
  );
}
