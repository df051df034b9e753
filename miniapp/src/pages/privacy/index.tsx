import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>隐私保护指引</View>;
}
