import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import {
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  RATING_TAGS,
  RATING_WINDOW_DAYS,
  RECTIFICATION_STATE_LABELS,
  isPoorRating,
  ratingInput,
  type RatingInput,
  type RatingLevel,
  type RatingTag,
  type RatingView,
  type ReporterRatingState,
} from '@sa/contracts';
import { focusSoon } from './focus-soon';
import { formatDate } from './format';
import { notify } from './notify';
import { PROVISIONAL_EXPLANATION, PROVISIONAL_MARK } from './provisional';
import { pressableAs, selectable } from './pressable';
import { RatingSummary } from './rating-summary';
import { FormError, errorMessage, showError } from './show-error';
import './rating-form.css';

const COMMENT_MAX = 500;
/** The default limit the office has to call back after a 差评 (the server's RECTIFY_WORKING_DAYS). */
const CALLBACK_WORKING_DAYS = 5;

/** 2026-12-17 → 12 月 17 日 */
export function monthDay(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(month)} 月 ${Number(day)} 日`;
}

type Props = {
  state: ReporterRatingState;
  /** the reporter's own report (with their token) or a tracked one (with the query code) */
  send: (input: RatingInput) => Promise<RatingView>;
  /** after a rating is given: the page reloads the complaint */
  onRated: (rating: RatingView) => void;
};

type KeyEvent = { key?: string; preventDefault?: () => void };

/** The five levels as one radio group: Tab reaches the chosen one, the arrow keys move the choice, Space/Enter pick. */
function LevelChoices({ value, onChange }: { value: RatingLevel | null; onChange: (level: RatingLevel) => void }) {
  const focusable = value ?? RATING_LEVELS[0];
  // The choice as the keys left it: a key pressed again before React re-renders moves on from there, not from the
  // value of the last render (quick presses were lost).
  const moved = useRef<RatingLevel | null>(null);
  moved.current = value;
  const move = (step: 1 | -1) => {
    // From the focused option (the first while none is chosen), as the WAI-ARIA radio group pattern does.
    const at = RATING_LEVELS.indexOf(moved.current ?? focusable);
    const next = RATING_LEVELS[(at + step + RATING_LEVELS.length) % RATING_LEVELS.length]!;
    moved.current = next;
    onChange(next);
    // The five options are always there: the focus follows at once. Only if that did not hold (Taro still laying
    // them out) a frame later, which must not pull the focus back from where later presses took it.
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
    const option = document.querySelector<HTMLElement>(`.rating-level-${next}`);
    option?.focus();
    if (option && document.activeElement !== option) {
      focusSoon(() => (moved.current === next ? option : null));
    }
  };
  return (
    <View className='rating-levels' role='radiogroup' aria-label='评价等级' aria-required='true'>
      {RATING_LEVELS.map((level) => {
        const checked = value === level;
        const { onKeyDown: pressKey, ...press } = pressableAs('radio', () => onChange(level));
        // Taro's ViewProps declares neither tabIndex nor onKeyDown, though h5 renders them: hence the spread.
        const keyboard = {
          ...press,
          tabIndex: level === focusable ? 0 : -1,
          onKeyDown: (event: KeyEvent) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowRight') {
              event.preventDefault?.();
              move(1);
            } else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') {
              event.preventDefault?.();
              move(-1);
            } else pressKey(event);
          },
        };
        return (
          <View
            key={level}
            className={`rating-level rating-level-${level}${checked ? ' rating-level-on' : ''}${isPoorRating(level) ? ' rating-level-poor' : ''}`}
            {...keyboard}
            aria-checked={checked ? 'true' : 'false'}
          >
            <Text className='rating-level-stars' aria-hidden='true'>
              {'★'.repeat(level)}
              {'☆'.repeat(5 - level)}
            </Text>
            <Text className='rating-level-label'>{RATING_LEVEL_LABELS[level]}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** What the reporter is told about the rectification a 差评 opened. */
function RectificationNote({ rectification }: { rectification: NonNullable<ReporterRatingState['rectification']> }) {
  if (rectification.state === 'OPEN') {
    return (
      <View className='rating-rectification rating-rectification-open'>
        <View className='rating-rectification-state'>{RECTIFICATION_STATE_LABELS.OPEN}</View>
        <View className='detail-row'>
          承办监管所将在 {monthDay(rectification.dueDate)}
          {rectification.provisional && PROVISIONAL_MARK}前回访您，了解情况并整改。
        </View>
        {rectification.provisional && <View className='muted provisional-note'>{PROVISIONAL_EXPLANATION}</View>}
      </View>
    );
  }
  return (
    <View className='rating-rectification rating-rectification-done'>
      <View className='rating-rectification-state'>
        {RECTIFICATION_STATE_LABELS.DONE}
        {rectification.completedAt ? `（${formatDate(rectification.completedAt)}）` : ''}
      </View>
      {rectification.actionTaken && <View className='detail-row rating-rectification-action'>整改情况：{rectification.actionTaken}</View>}
    </View>
  );
}

/**
 * 好差评 on the reporter's complaint page and on the tracking page: the ratings given, the rectification a 差评
 * opened, and the form while it is open (the first rating within 15 days of resolution; once more after the
 * rectification).
 */
export function RatingCard({ state, send, onRated }: Props) {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [tags, setTags] = useState<RatingTag[]>([]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [given, setGiven] = useState<RatingView | null>(null);

  // The page reloads after a rating; until then the one just given is shown from the server's answer.
  const ratings = given && !state.ratings.some((r) => r.id === given.id) ? [...state.ratings, given] : state.ratings;
  const round = state.nextRound ?? 1;
  const formOpen = state.canRate && !(given && given.round === round);

  const toggle = (tag: RatingTag) => setTags((now) => (now.includes(tag) ? now.filter((t) => t !== tag) : [...now, tag]));

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const parsed = ratingInput.safeParse({ level: level ?? undefined, tags, comment: comment.trim() === '' ? undefined : comment });
      if (!parsed.success) throw new FormError(parsed.error.issues[0]?.message);
      const rating = await send(parsed.data);
      setGiven(rating);
      notify('评价已提交', 'success');
      focusSoon('.rating-thanks');
      onRated(rating);
    } catch (failure) {
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  const title = formOpen && round === 2 ? '整改后再次评价' : '评价办理结果';
  return (
    <View className='card rating-card' role='region' aria-label={title}>
      <View className='card-title' role='heading' aria-level={2}>
        {title}
      </View>

      {ratings.length > 0 && (
        <View className='rating-given'>
          <View className='rating-given-label'>您的评价</View>
          {ratings.map((r) => (
            <RatingSummary key={r.id} rating={r} />
          ))}
        </View>
      )}

      {given && (
        <View className='rating-thanks' role='status' {...{ tabIndex: -1 }}>
          <View>感谢您的评价！</View>
          {isPoorRating(given.level) &&
            (given.round === 1 ? (
              <View className='rating-thanks-poor'>
                我们已将您的差评转交承办监管所整改，监管所将在 {CALLBACK_WORKING_DAYS} 个工作日内回访您。整改完成后，您可以再评价一次。
              </View>
            ) : (
              <View className='rating-thanks-poor'>您的意见已报区食安办督办。</View>
            ))}
        </View>
      )}

      {state.rectification && <RectificationNote rectification={state.rectification} />}

      {formOpen && (
        <View className='rating-form'>
          {round === 2 && <View className='muted rating-round2-note'>监管所已根据您的意见整改，请再评价一次。两次评价都会保留。</View>}
          {state.rateUntil && <View className='rating-until'>评价截止 {monthDay(state.rateUntil)}</View>}
          <View className='rating-label'>您对本次办理是否满意？</View>
          <LevelChoices value={level} onChange={setLevel} />

          <View className='rating-label'>评价标签（可多选）</View>
          <View className='chips rating-tags' role='group' aria-label='评价标签（可多选）'>
            {RATING_TAGS.map((tag) => (
              <View key={tag} className={`chip rating-tag${tags.includes(tag) ? ' chip-selected' : ''}`} {...selectable(tags.includes(tag), () => toggle(tag))}>
                {tag}
              </View>
            ))}
          </View>

          <View className='rating-label'>评价内容（选填）</View>
          <Textarea
            className='field textarea rating-comment'
            value={comment}
            maxlength={COMMENT_MAX}
            placeholder='说说您对办理过程和结果的看法'
            nativeProps={{ 'aria-label': '评价内容（选填）' }}
            onInput={(event) => setComment(event.detail.value)}
          />
          <View className='counter rating-counter'>
            {comment.length}/{COMMENT_MAX}
          </View>

          {error && (
            <View className='field-error rating-error' role='alert'>
              {error}
            </View>
          )}
          <Button className='btn-primary rating-submit' loading={busy} {...pressableAs('button', () => void submit())}>
            提交评价
          </Button>
        </View>
      )}

      {!formOpen && ratings.length === 0 && (
        <View className='hint rating-closed'>已超过评价期限（办结后 {RATING_WINDOW_DAYS} 日内可评价），本次办理记为“未评价”。</View>
      )}
    </View>
  );
}
