import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aReceipt } from '../../test/builders';
import { ReceiptView } from './receipt-view';

// The receipt tells the reporter when each limit ends, and, as their progress page does, which of those is only an
// estimate because it runs into a year whose official holiday schedule is not published yet.

describe('the receipt of a report', () => {
  it('marks a limit that runs into a year without an official schedule as 暂估, and says why', () => {
    render(
      <ReceiptView
        receipt={aReceipt({ kind: 'REPORT', deadlines: [{ kind: 'VERIFY', dueDate: '2027-01-11', provisional: true }] })}
        category='EXPIRED_FOOD'
        onAnother={vi.fn()}
      />,
    );
    expect(screen.getByText('核查期限：2027-01-11 24:00 前（暂估）')).toBeTruthy();
    expect(screen.getByText('标“暂估”的期限跨入尚未公布节假日安排的年份，安排公布后将重新计算。')).toBeTruthy();
  });

  it('gives a limit within the published schedule as it is, with no explanation', () => {
    render(
      <ReceiptView
        receipt={aReceipt({ kind: 'COMPLAINT', deadlines: [{ kind: 'ACCEPT', dueDate: '2026-12-30', provisional: false }] })}
        category='EXPIRED_FOOD'
        onAnother={vi.fn()}
      />,
    );
    expect(screen.getByText('受理期限：2026-12-30 24:00 前')).toBeTruthy();
    expect(screen.queryByText(/暂估/)).toBeNull();
  });
});
