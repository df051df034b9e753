import { useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { UPLOAD_MAX_BYTES } from '@sa/contracts';
import { uploadPhoto } from '../api';
import { errorMessage } from './show-error';
import { pressable } from './pressable';

type Photo = { key: number; path: string; id: string | null; status: 'uploading' | 'done' | 'failed'; error: string | null };

const TOO_LARGE = `照片不能超过 ${UPLOAD_MAX_BYTES / 1024 / 1024} MB`;

/** Photos for a staff form (a follow-up, a commitment letter): chosen, uploaded one by one, removable. */
export function useWbPhotos(max: number) {
  const [photos, setPhotos] = useState<Photo[]>([]);
  const nextKey = useRef(1);
  const patch = (key: number, change: Partial<Photo>) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const choose = async () => {
    const room = max - photos.length;
    if (room <= 0) return;
    let chosen: Taro.chooseImage.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    } catch {
      return; // the user closed the picker
    }
    const added = chosen.tempFiles.slice(0, room).map(
      (file): Photo => ({
        key: nextKey.current++,
        path: file.path,
        id: null,
        status: file.size > UPLOAD_MAX_BYTES ? 'failed' : 'uploading',
        error: file.size > UPLOAD_MAX_BYTES ? TOO_LARGE : null,
      }),
    );
    setPhotos((list) => [...list, ...added]);
    for (const photo of added) {
      if (photo.status !== 'uploading') continue;
      try {
        patch(photo.key, { status: 'done', id: (await uploadPhoto(photo.path)).id });
      } catch (error) {
        patch(photo.key, { status: 'failed', error: errorMessage(error) });
      }
    }
  };

  const remove = (key: number) => setPhotos((list) => list.filter((p) => p.key !== key));
  const reset = () => setPhotos([]);
  const ids = photos.flatMap((p) => (p.id ? [p.id] : []));
  const busy = photos.some((p) => p.status === 'uploading');
  const failed = photos.some((p) => p.status === 'failed');
  return { photos, choose, remove, reset, ids, busy, failed, max };
}

export function WbPhotoUpload({ label, state, error }: { label: string; state: ReturnType<typeof useWbPhotos>; error?: string }) {
  const { photos, choose, remove, max } = state;
  return (
    <View className='wb-field wb-photo-upload'>
      <View className='field-label'>
        {label}（最多 {max} 张，已选 {photos.length} 张）
      </View>
      <View className='wb-photos'>
        {photos.map((photo, index) => (
          <View className={`wb-thumb wb-upload-${photo.status}`} key={photo.key}>
            <Image className='wb-thumb-img' src={photo.path} mode='aspectFill' />
            {photo.status !== 'done' && <Text className='wb-thumb-note'>{photo.status === 'uploading' ? '上传中…' : (photo.error ?? '上传失败')}</Text>}
            <Button className='wb-thumb-remove' size='mini' {...pressable(() => remove(photo.key), `删除第 ${index + 1} 张照片`)}>
              删除
            </Button>
          </View>
        ))}
      </View>
      {photos.length < max && (
        <Button className='btn-plain wb-add-photo' size='mini' {...pressable(() => void choose())}>
          添加照片
        </Button>
      )}
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}
