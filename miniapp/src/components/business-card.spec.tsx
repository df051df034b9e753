import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import Taro from '../test/fake-taro';
import { aBusiness } from '../test/builders';
import { BusinessCard } from './business-card';

describe('BusinessCard', () => {
  it('links to the business’s public page without choosing the card, by mouse or keyboard', () => {
    const onSelect = vi.fn();
    render(<BusinessCard business={aBusiness({ id: 321 })} onSelect={onSelect} publicLink />);
    const link = screen.getByRole('link', { name: '查看主体公示信息' });

    act(() => link.click());
    act(() => void link.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));

    expect(Taro.navigateTo).toHaveBeenCalledTimes(2);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/business?id=321' });
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('shows no link unless asked, as in the list of search results one chooses from', () => {
    render(<BusinessCard business={aBusiness()} />);
    expect(screen.queryByText('查看主体公示信息')).toBeNull();
  });
});
