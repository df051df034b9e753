import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>宣传内容</View>;
}
