import Taro from '@tarojs/taro';
import { SUBSCRIBE_RESULTS, type SubscribeResult, type SubscribeTemplates, type SubscriptionsView } from '@sa/contracts';
import { request } from '../api/client';

/**
 * WeChat subscribe messages (订阅消息): each one-time template the user accepts allows the server one message.
 * WeChat shows its dialog only inside a tap, so the template ids are loaded at launch and the dialog is opened
 * from the 提交 tap before anything is awaited; the answer goes to the server once the submission is settled.
 */

let templateIds: string[] = [];

const inWeapp = () => process.env.TARO_ENV === 'weapp';

/** At launch (weapp): which templates the server sends. A failure leaves none, and the tap then asks nothing. */
export async function loadSubscribeTemplates(): Promise<void> {
  if (!inWeapp()) return;
  try {
    templateIds = (await request<SubscribeTemplates>('GET', '/api/v1/subscribe-templates', { anonymous: true })).templateIds;
  } catch {
    templateIds = [];
  }
}

export type SubscribeAnswer = Record<string, SubscribeResult>;

/**
 * Opens WeChat's dialog now, synchronously, from the user's tap; resolves with the choice per template, or null
 * when nothing was asked or WeChat failed (the user can still report; they get inbox notices only).
 */
export function askSubscribe(): Promise<SubscribeAnswer | null> {
  if (!inWeapp() || templateIds.length === 0) return Promise.resolve(null);
  const asked = [...templateIds];
  return new Promise((resolve) => {
    // Taro's type wants entityIds too; WeChat takes template ids alone (entity ids are for another kind of message).
    Taro.requestSubscribeMessage({
      tmplIds: asked,
      success: (result: Taro.requestSubscribeMessage.SuccessCallbackResult) => resolve(answerOf(result as unknown as Record<string, unknown>, asked)),
      fail: () => resolve(null),
    } as unknown as Taro.requestSubscribeMessage.Option);
  });
}

/** The result holds `errMsg` beside the template ids: keep only the asked ids with a known answer. */
export function answerOf(result: Record<string, unknown>, asked: string[]): SubscribeAnswer | null {
  const known = new Set<string>(SUBSCRIBE_RESULTS);
  const entries = asked.flatMap((id) => (typeof result[id] === 'string' && known.has(result[id] as string) ? [[id, result[id] as SubscribeResult] as const] : []));
  return entries.length ? Object.fromEntries(entries) : null;
}

/** After the submission, whether it succeeded or not: tells the server what the user granted. Never throws. */
export async function reportSubscribeAnswer(answer: Promise<SubscribeAnswer | null>, signedIn: boolean): Promise<void> {
  const results = await answer;
  if (!results || !signedIn) return;
  try {
    await request<SubscriptionsView>('POST', '/api/v1/me/subscriptions', { body: { results } });
  } catch {
    // A lost answer costs WeChat messages, never the report: the inbox still tells the user.
  }
}

/** For tests: the templates a launch would have loaded. */
export function setSubscribeTemplatesForTests(ids: string[]): void {
  templateIds = ids;
}
