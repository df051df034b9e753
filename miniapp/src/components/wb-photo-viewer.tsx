import { useEffect, useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { fetchPhoto } from '../api';
import { errorMessage } from './show-error';
import { pressable } from './pressable';

// A photo downloaded once is shown again from the same local file (stored photos never change).
const loaded = new Map<string, Promise<string>>();

function loadPhoto(id: string): Promise<string> {
  let pending = loaded.get(id);
  if (!pending) {
    pending = fetchPhoto(id);
    loaded.set(id, pending);
    pending.catch(() => loaded.delete(id));
  }
  return pending;
}

function usePhoto(id: string) {
  const [state, setState] = useState<{ src: string | null; error: string | null }>({ src: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ src: null, error: null });
    loadPhoto(id).then(
      (src) => live && setState({ src, error: null }),
      (error: unknown) => live && setState({ src: null, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return state;
}

function Thumb({ id, index, onOpen }: { id: string; index: number; onOpen: () => void }) {
  const { src, error } = usePhoto(id);
  return (
    <View className='wb-thumb' {...pressable(onOpen, `查看第 ${index + 1} 张照片大图`)}>
      {src ? <Image className='wb-thumb-img' src={src} mode='aspectFill' /> : <Text className='muted'>{error ?? '加载中…'}</Text>}
    </View>
  );
}

/** The full-size photo over the page; Esc or the close button closes it, arrows move between photos. */
function Viewer({ ids, index, onIndex, onClose }: { ids: readonly string[]; index: number; onIndex: (i: number) => void; onClose: () => void }) {
  const id = ids[index] ?? '';
  const { src, error } = usePhoto(id);
  const closeRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (typeof document === 'undefined') return;
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus?.();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      if (event.key === 'ArrowRight' && index < ids.length - 1) onIndex(index + 1);
      if (event.key === 'ArrowLeft' && index > 0) onIndex(index - 1);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [index, ids.length]);

  return (
    <View className='wb-viewer' role='dialog' aria-modal='true' aria-label={`照片 ${index + 1}/${ids.length}`}>
      <View className='wb-viewer-bar'>
        <Text className='wb-viewer-count'>
          第 {index + 1}/{ids.length} 张
        </Text>
        {index > 0 && (
          <Button className='btn-plain wb-viewer-prev' size='mini' {...pressable(() => onIndex(index - 1))}>
            上一张
          </Button>
        )}
        {index < ids.length - 1 && (
          <Button className='btn-plain wb-viewer-next' size='mini' {...pressable(() => onIndex(index + 1))}>
            下一张
          </Button>
        )}
        <Button ref={closeRef} className='btn-primary wb-viewer-close' size='mini' {...pressable(onClose, '关闭大图')}>
          关闭
        </Button>
      </View>
      <View className='wb-viewer-body'>
        {src ? <Image className='wb-viewer-img' src={src} mode='aspectFit' /> : <Text className='wb-viewer-wait'>{error ?? '加载中…'}</Text>}
      </View>
    </View>
  );
}

/** Photos as thumbnails; tapping (or Enter on) one opens it full size. */
export function WbPhotos({ ids, label }: { ids: readonly string[]; label: string }) {
  const [open, setOpen] = useState<number | null>(null);
  if (ids.length === 0) return null;
  return (
    <View className='wb-photos' role='group' aria-label={label}>
      {ids.map((id, index) => (
        <Thumb key={id} id={id} index={index} onOpen={() => setOpen(index)} />
      ))}
      {open !== null && <Viewer ids={ids} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
    </View>
  );
}
