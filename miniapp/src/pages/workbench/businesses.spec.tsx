import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Taro, { storage } from '../../test/fake-taro';
import { aMe, anUpload } from '../../test/builders';
import { path, serve } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aMyBusiness } from './test-builders';
import BusinessesPage from './businesses';

const noodles = aMyBusiness({ id: 31, name: '老街面馆', grade: 'C', openComplaints: 2 });
const bakery = aMyBusiness({ id: 32, name: '好味面包房', commitment: { version: 2, signedAt: '2026-03-01T02:00:00.000Z' } });

describe('我包保的经营主体', () => {
  it('lists, searches, and records a commitment letter with its date and photo', async () => {
    let signed = false;
    const upload = anUpload();
    Taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'blob:letter', size: 300_000 }], tempFilePaths: ['blob:letter'], errMsg: 'chooseImage:ok' });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(upload), errMsg: 'uploadFile:ok' });
    const sent = serve((req) => {
      if (path(req) === '/api/v1/me') return { statusCode: 200, data: aMe({ role: 'CADRE', cadreId: 7 }) };
      if (req.method === 'GET' && path(req) === '/api/v1/me/businesses') {
        const q = new URL(req.url).searchParams.get('q');
        const first = signed ? { ...noodles, commitment: { version: 1, signedAt: '2026-12-01T00:00:00.000Z' } } : noodles;
        const items = q ? [first] : [first, bakery];
        return { statusCode: 200, data: { items, total: items.length } };
      }
      if (req.method === 'POST' && path(req) === '/api/v1/commitments') {
        signed = true;
        return { statusCode: 201, data: {} };
      }
      return undefined;
    });
    storage.set(TOKEN_KEY, 'tok');
    await restoreSession();
    const { container } = render(<BusinessesPage />);

    const row = (await screen.findByText('老街面馆')).closest('.wb-business-row') as HTMLElement;
    expect(within(row).getByText('C级 · 小型')).toBeTruthy();
    expect(within(row).getByText('办理中的投诉举报 2 件')).toBeTruthy();
    expect(within(row).getByText('未签')).toBeTruthy();
    expect(screen.getByText('已签第 2 版，2026-03-01 签字')).toBeTruthy();

    await typeInto(container, 'wb-business-search', ' 老街 ');
    act(() => screen.getByText('查找').click());
    await waitFor(() => expect(screen.queryByText('好味面包房')).toBeNull());
    expect(new URL(sent.filter((r) => path(r) === '/api/v1/me/businesses').at(-1)!.url).searchParams.get('q')).toBe('老街');

    act(() => within(row).getByText('录入承诺书').click());
    fireEvent.change(container.querySelector('input.wb-signed-on')!, { target: { value: '2026-12-01' } });
    act(() => screen.getByText('确认录入').click());
    expect(await screen.findByText('请上传签字承诺书的照片')).toBeTruthy();
    expect(sent.filter((r) => path(r) === '/api/v1/commitments')).toHaveLength(0);

    act(() => screen.getByText('拍照或选择照片').click());
    await waitFor(() => expect(screen.getByText('重新拍照')).toBeTruthy());
    await waitFor(() => expect(container.querySelector('.wb-thumb-note')).toBeNull());

    // A retake replaces the photo: the picker opens again and the new upload is the one recorded.
    const retake = anUpload();
    Taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'blob:letter-2', size: 300_000 }], tempFilePaths: ['blob:letter-2'], errMsg: 'chooseImage:ok' });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(retake), errMsg: 'uploadFile:ok' });
    act(() => screen.getByText('重新拍照').click());
    await waitFor(() => expect(container.querySelector('.wb-thumb-img')?.getAttribute('src')).toBe('blob:letter-2'));
    await waitFor(() => expect(container.querySelector('.wb-thumb-note')).toBeNull());
    act(() => screen.getByText('确认录入').click());

    await waitFor(() => expect(sent.filter((r) => path(r) === '/api/v1/commitments')).toHaveLength(1));
    expect(sent.find((r) => path(r) === '/api/v1/commitments')!.data).toEqual({ businessId: 31, signedOn: '2026-12-01', photoUploadId: retake.id });
    expect(await screen.findByText('已签第 1 版，2026-12-01 签字')).toBeTruthy();
  });

  it('shows the server’s reason when the date is refused', async () => {
    const upload = anUpload();
    Taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'blob:letter', size: 300_000 }], tempFilePaths: ['blob:letter'], errMsg: 'chooseImage:ok' });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(upload), errMsg: 'uploadFile:ok' });
    serve((req) => {
      if (path(req) === '/api/v1/me') return { statusCode: 200, data: aMe({ role: 'CADRE', cadreId: 7 }) };
      if (path(req) === '/api/v1/me/businesses') return { statusCode: 200, data: { items: [noodles], total: 1 } };
      if (path(req) === '/api/v1/commitments') return { statusCode: 400, data: { code: 'VALIDATION_FAILED', message: '签字日期不能早于包保开始日期' } };
      return undefined;
    });
    storage.set(TOKEN_KEY, 'tok');
    await restoreSession();
    const { container } = render(<BusinessesPage />);

    const record = await screen.findByText('录入承诺书');
    act(() => record.click());
    fireEvent.change(container.querySelector('input.wb-signed-on')!, { target: { value: '2025-12-01' } });
    act(() => screen.getByText('拍照或选择照片').click());
    await waitFor(() => expect(container.querySelector('.wb-thumb-note')).toBeNull());
    act(() => screen.getByText('确认录入').click());
    expect(await screen.findByText('签字日期不能早于包保开始日期')).toBeTruthy();
  });
});
