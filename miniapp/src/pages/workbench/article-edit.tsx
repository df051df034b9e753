import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>编辑文章</View>;
}
