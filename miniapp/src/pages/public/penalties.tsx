import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>处罚信息公示</View>;
}
