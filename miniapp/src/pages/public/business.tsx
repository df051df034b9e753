import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>经营主体</View>;
}
