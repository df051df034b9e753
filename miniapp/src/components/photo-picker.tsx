import { useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { UPLOAD_MAX_BYTES, type UploadResponse } from '@sa/contracts';
import { uploadPhoto } from '../api';
import { focusSoon } from './focus-soon';
import { pressable } from './pressable';
import { ensurePrivacy } from '../wechat/privacy';
import { PrivacyConsent } from './privacy-consent';
import { errorMessage } from './show-error';
import './photo-picker.css';

/** 随手拍 and a follow-up take up to 9 photos, as the contracts allow. */
export const PHOTOS_MAX = 9;

export type PhotoItem = {
  key: number;
  /** the local file: shown at once, before (and whether or not) the upload succeeds */
  path: string;
  status: 'uploading' | 'done' | 'failed';
  upload: UploadResponse | null;
  error: string | null;
};

const TOO_LARGE = `照片不能超过 ${UPLOAD_MAX_BYTES / 1024 / 1024} MB，请压缩后再上传`;

const PRIVACY_NOTE = '照片上传后会去除拍摄设备、时间和定位等附加信息；定位只用来建议问题发生的地点。';

/** The photos of one form: chosen, uploaded one at a time (a weak mobile link), retried or removed. */
export function usePhotoUploads(max = PHOTOS_MAX) {
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const nextKey = useRef(1);

  const patch = (key: number, change: Partial<PhotoItem>) =>
    setPhotos((list) => list.map((photo) => (photo.key === key ? { ...photo, ...change } : photo)));

  const upload = async (key: number, path: string) => {
    patch(key, { status: 'uploading', error: null });
    try {
      patch(key, { status: 'done', upload: await uploadPhoto(path) });
    } catch (error) {
      patch(key, { status: 'failed', error: errorMessage(error) });
    }
  };

  /** `replace`: the new choice takes the place of what is there (a retake), which stays if the user cancels. */
  const choose = async ({ replace = false } = {}) => {
    const room = replace ? max : max - photos.length;
    if (room <= 0) return;
    // WeChat's privacy consent first (weapp); declined: no photos, the rest of the form still works.
    if (!(await ensurePrivacy('photos'))) return;
    let chosen: Taro.chooseImage.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    } catch {
      return; // the user closed the picker
    }
    const added = chosen.tempFiles.slice(0, room).map(
      (file): PhotoItem => ({
        key: nextKey.current++,
        path: file.path,
        status: file.size > UPLOAD_MAX_BYTES ? 'failed' : 'uploading',
        upload: null,
        error: file.size > UPLOAD_MAX_BYTES ? TOO_LARGE : null,
      }),
    );
    setPhotos((list) => (replace ? added : [...list, ...added]));
    for (const photo of added) if (photo.status === 'uploading') await upload(photo.key, photo.path);
  };

  const retry = (photo: PhotoItem) => void upload(photo.key, photo.path);
  const remove = (key: number) => setPhotos((list) => list.filter((photo) => photo.key !== key));
  const reset = () => setPhotos([]);
  const ids = photos.flatMap((photo) => (photo.upload ? [photo.upload.id] : []));
  const busy = photos.some((photo) => photo.status === 'uploading');
  const failed = photos.some((photo) => photo.status === 'failed');

  return { photos, choose, retry, remove, reset, ids, busy, failed, max };
}

type Props = ReturnType<typeof usePhotoUploads> & {
  error?: string;
  label?: string;
  /** the line under the photos; null for none */
  help?: string | null;
};

let pickersMade = 0;

export function PhotoPicker({ photos, choose, retry, remove, max, error, label = '现场照片', help = PRIVACY_NOTE }: Props) {
  // The photo the user asked to delete: asked once more inline (no pop-up, which 长辈版 does without).
  const [confirming, setConfirming] = useState<number | null>(null);
  // Ids scoped to this picker: Taro keeps other pages, with pickers of their own, in the document.
  const [scope] = useState(() => `photo-picker-${++pickersMade}`);
  const pendingIndex = photos.findIndex((photo) => photo.key === confirming);
  const ask = (key: number) => {
    setConfirming(key);
    focusSoon(`#${scope} .photo-confirm-delete`);
  };
  const cancel = () => {
    const key = confirming;
    setConfirming(null);
    focusSoon(`#${scope}-remove-${key}`);
  };
  const confirm = () => {
    if (confirming === null) return;
    remove(confirming);
    setConfirming(null);
    // Where the deleted photo's row was: the tile to add another.
    focusSoon(`#${scope} .photo-add`);
  };

  return (
    <View className='photos-field' id={scope}>
      <View className='field-label'>
        {label}（选填，最多 {max} 张，已选 {photos.length} 张）
      </View>
      <View className='photos'>
        {photos.map((photo, index) => (
          <View className={`photo photo-${photo.status}${photo.key === confirming ? ' photo-pending-delete' : ''}`} key={photo.key}>
            <Image className='photo-thumb' src={photo.path} mode='aspectFill' />
            {photo.status === 'uploading' && <View className='photo-overlay'>上传中…</View>}
            {photo.status === 'failed' && (
              photo.error === TOO_LARGE ? (
                <View className='photo-overlay photo-failed-overlay'>超过 10 MB</View>
              ) : (
                <View className='photo-overlay photo-failed-overlay' {...pressable(() => retry(photo), `重新上传第 ${index + 1} 张照片`)}>
                  上传失败，点此重试
                </View>
              )
            )}
            <View id={`${scope}-remove-${photo.key}`} className='photo-remove' {...pressable(() => ask(photo.key), `删除第 ${index + 1} 张照片`)}>
              ×
            </View>
          </View>
        ))}
        {photos.length < max && (
          <View className='photo photo-add' {...pressable(() => void choose(), `添加${label}`)}>
            <Text className='photo-add-plus' aria-hidden='true'>
              +
            </Text>
            <Text className='muted'>添加照片</Text>
          </View>
        )}
      </View>
      {pendingIndex >= 0 && (
        <View className='photo-confirm' role='group' aria-label={`删除第 ${pendingIndex + 1} 张照片？`}>
          <Text className='photo-confirm-question'>删除第 {pendingIndex + 1} 张照片？</Text>
          <View className='photo-confirm-delete' {...pressable(confirm)}>
            确认删除
          </View>
          <View className='photo-confirm-cancel' {...pressable(cancel)}>
            取消
          </View>
        </View>
      )}
      {photos
        .filter((photo) => photo.status === 'failed' && photo.error)
        .slice(0, 1)
        .map((photo) => (
          <View className='field-error' key={photo.key}>
            {photo.error}
          </View>
        ))}
      {error && <View className='field-error'>{error}</View>}
      <PrivacyConsent purpose='photos' />
      {help && <View className='muted'>{help}</View>}
    </View>
  );
}
