import { View } from '@tarojs/components';

export default function BusinessesPage() {
  return <View className='page workbench'>我包保的经营主体</View>;
}
