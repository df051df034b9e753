import type { ContentFlag, MediaCheckState } from '@sa/contracts';
import type { Suggest, TextVerdict } from '../wechat/wechat-security.client';

/** Stronger flags win when a record has several reasons: a risky photo over a review over an unchecked text. */
const RANK: Record<ContentFlag, number> = { UNCHECKED: 1, REVIEW: 2, RISKY_IMAGE: 3 };

export function strongest(flags: (ContentFlag | null)[]): ContentFlag | null {
  return flags.reduce<ContentFlag | null>((best, f) => (f && (!best || RANK[f] > RANK[best]) ? f : best), null);
}

/** The flags a new flag may replace on a record that already has one (null: none yet). */
export function weakerThan(flag: ContentFlag): (ContentFlag | null)[] {
  return [null, ...(Object.keys(RANK) as ContentFlag[]).filter((f) => RANK[f] < RANK[flag])];
}

/** A text verdict on a record: risky is refused before this, so it is not a flag. */
export function textFlag(v: TextVerdict): ContentFlag | null {
  if (v.suggest === 'review') return 'REVIEW';
  if (v.suggest === 'unavailable') return 'UNCHECKED';
  return null;
}

/** What a photo's check state means for the records it is attached to. */
export function photoFlag(state: MediaCheckState | null): ContentFlag | null {
  if (state === 'RISKY') return 'RISKY_IMAGE';
  if (state === 'REVIEW') return 'REVIEW';
  if (state === 'UNCHECKED') return 'UNCHECKED';
  return null;
}

/** WeChat's verdict in a wxa_media_check push; an errcode there means no verdict. */
export function mediaState(event: { errcode?: number; result?: { suggest?: string } }): MediaCheckState {
  if (event.errcode) return 'UNCHECKED';
  const suggest = event.result?.suggest as Suggest | undefined;
  if (suggest === 'pass') return 'PASS';
  if (suggest === 'review') return 'REVIEW';
  if (suggest === 'risky') return 'RISKY';
  return 'UNCHECKED';
}
