import { View } from '@tarojs/components';

export default function TemplatesPage() {
  return <View className='page workbench'>答复模板</View>;
}
