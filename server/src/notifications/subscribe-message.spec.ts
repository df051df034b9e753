import { describe, expect, it } from 'vitest';
import { fitFields, shanghaiMinute, subscribeMessageFor, type SubscribeSubject } from './subscribe-message';

const complaint: SubscribeSubject = {
  id: 42,
  trackingNo: 'SA20261013-000123',
  kind: 'REPORT',
  businessName: '李记小吃店',
  categoryLabel: '过期变质食品',
  outcome: null,
  transferTo: null,
};
const templates = { ACCEPTED: 'tpl-accepted', TRANSFERRED: 'tpl-transferred', DECIDED: 'tpl-decided', RESOLVED: 'tpl-resolved' };
const at = new Date('2026-10-13T01:05:00Z'); // 09:05 in Shanghai

describe('WeChat subscribe messages to the reporter', () => {
  it('tells of acceptance with the tracking number, the subject, the status and the Shanghai time', () => {
    const m = subscribeMessageFor(complaint, 'accept', undefined, templates, at);
    expect(m).toEqual({
      type: 'ACCEPTED',
      templateId: 'tpl-accepted',
      page: 'pages/mine/index?complaintId=42',
      data: {
        character_string1: { value: 'SA20261013-000123' },
        thing2: { value: '举报：李记小吃店' },
        phrase3: { value: '已受理' },
        time4: { value: '2026年10月13日 09:05' },
        thing5: { value: '我们将在法定期限内办理' },
      },
    });
  });

  it.each([
    ['transfer', 'TRANSFERRED', '已转办'],
    ['fileCase', 'DECIDED', '已立案'],
    ['noCase', 'DECIDED', '不予立案'],
    ['notifyReporter', 'DECIDED', '已告知'],
    ['decideCase', 'DECIDED', '已作决定'],
    ['notifyTermination', 'RESOLVED', '终止调解'],
    ['resolve', 'RESOLVED', '已办结'],
  ] as const)('sends %s as the %s message with status %s', (action, type, status) => {
    const m = subscribeMessageFor({ ...complaint, transferTo: '区发展和改革局', outcome: 'FIXED' }, action, undefined, templates, at);
    expect(m?.type).toBe(type);
    expect(m?.data.phrase3).toEqual({ value: status });
  });

  it('sends nothing for internal steps, for rejection, or when the template is not configured', () => {
    expect(subscribeMessageFor(complaint, 'startVerification', undefined, templates, at)).toBeNull();
    expect(subscribeMessageFor(complaint, 'reject', '不属于本局管辖', templates, at)).toBeNull();
    expect(subscribeMessageFor(complaint, 'accept', undefined, { RESOLVED: 'tpl-resolved' }, at)).toBeNull();
  });

  it('never puts the decision itself into the message: only that one was made', () => {
    const m = subscribeMessageFor(complaint, 'decideCase', '罚款五千元', templates, at);
    expect(m?.data.thing5).toEqual({ value: '已依法作出处理决定' });
  });

  it('names the department a report was transferred to and the outcome of a resolution', () => {
    const transferred = subscribeMessageFor({ ...complaint, transferTo: '区发展和改革局' }, 'transfer', undefined, templates, at);
    expect(transferred?.data.thing5).toEqual({ value: '已转交区发展和改革局' });
    const resolved = subscribeMessageFor({ ...complaint, outcome: 'NO_VIOLATION' }, 'resolve', '经现场核查未发现过期食品。', templates, at);
    expect(resolved?.data.thing5).toEqual({ value: '结果：未发现违法行为' });
  });

  it('cuts values to WeChat limits (thing 20, character_string 32, phrase 5), counting characters not UTF-16 units', () => {
    const data = fitFields({
      thing2: '举报：青岚区东湖街道老街口百年传承手工面馆（总店）',
      character_string1: 'A'.repeat(40),
      phrase3: '不予立案处理中',
      thing5: '𠮷'.repeat(25),
      time4: '2026年10月13日 09:05',
    });
    expect(Array.from(data.thing2!.value)).toHaveLength(20);
    expect(data.thing2!.value.endsWith('…')).toBe(true);
    expect(data.character_string1!.value).toBe('A'.repeat(32));
    expect(data.phrase3!.value).toBe('不予立案处');
    expect(Array.from(data.thing5!.value)).toHaveLength(20);
    expect(data.time4!.value).toBe('2026年10月13日 09:05');
  });

  it('formats the time in Asia/Shanghai across the UTC date line', () => {
    expect(shanghaiMinute(new Date('2026-09-30T16:30:00Z'))).toBe('2026年10月1日 00:30');
  });
});
