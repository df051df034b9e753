import { Button, View } from '@tarojs/components';

/** A failed load, said in words, with the one thing the user can do about it. */
export function LoadError({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  if (message === null) return null;
  return (
    <View>
      <View className='hint'>{message}</View>
      <Button className='btn-plain' size='mini' onClick={onRetry}>
        重新加载
      </Button>
    </View>
  );
}
