import { describe, expect, it } from 'vitest';
import type { WorkflowAction } from '../complaints/workflow';
import { type NoticeSubject, receivedNotice, REPORTER_INBOX_ACTIONS, reporterNotice } from './inbox-notices';

const complaint: NoticeSubject = {
  trackingNo: 'SA20261013-000123',
  kind: 'COMPLAINT',
  businessName: '李记小吃店',
  categoryLabel: '卫生条件差',
  officeName: '城东市场监管所',
  outcome: null,
  transferTo: null,
};

describe('inbox notices', () => {
  it('tells the cadre and the office what arrived, where, and who handles it', () => {
    expect(receivedNotice(complaint)).toEqual({
      kind: 'COMPLAINT_RECEIVED',
      title: '新投诉：李记小吃店',
      body: '收到一件投诉（卫生条件差），受理编号 SA20261013-000123，由城东市场监管所办理。请在工作台查看。',
    });
  });

  it('tells the reporter of acceptance, rejection, transfer, the case steps, the end of mediation and resolution, and of nothing else', () => {
    const all: WorkflowAction[] = [
      'accept', 'reject', 'transfer', 'startVerification', 'extendVerification', 'fileCase', 'noCase', 'notifyReporter', 'decideCase', 'extendCase',
      'startMediation', 'mediated', 'mediationFailed', 'notifyTermination', 'resolve', 'reopen', 'reprocess', 'close',
    ];
    const told = all.filter((a) => reporterNotice(complaint, a) !== null);
    expect(told).toEqual(['accept', 'reject', 'transfer', 'fileCase', 'noCase', 'notifyReporter', 'decideCase', 'notifyTermination', 'resolve']);
    expect([...told].sort()).toEqual([...REPORTER_INBOX_ACTIONS].sort());
  });

  it('says a filed case was decided, without its content, and that mediation ended', () => {
    expect(reporterNotice({ ...complaint, kind: 'REPORT' }, 'decideCase')).toMatchObject({ title: '您举报的问题已作出处理决定' });
    const ended = reporterNotice(complaint, 'notifyTermination', '双方对赔偿金额分歧较大，调解终止。');
    expect(ended!.title).toBe('您的投诉已终止调解');
    expect(ended!.body).toContain('答复：双方对赔偿金额分歧较大');
  });

  it('carries the written reply and the honest outcome', () => {
    const n = reporterNotice({ ...complaint, outcome: 'NOT_FIXED' }, 'resolve', '商户拒不整改，已移交执法。');
    expect(n).toMatchObject({ kind: 'COMPLAINT_UPDATE', title: '您的投诉已办结' });
    expect(n!.body).toContain('办理结果：未整改');
    expect(n!.body).toContain('答复：商户拒不整改，已移交执法。');
  });

  it('names the department for a transfer and keeps long replies within 500 characters', () => {
    expect(reporterNotice({ ...complaint, transferTo: '区发展和改革局' }, 'transfer')!.body).toContain('已转交区发展和改革局处理');
    expect(Array.from(reporterNotice(complaint, 'reject', '理由'.repeat(400))!.body)).toHaveLength(500);
  });

  it('falls back to the category when the business is not in the registry', () => {
    expect(receivedNotice({ ...complaint, businessName: null }).title).toBe('新投诉：卫生条件差');
  });
});
