import { View } from '@tarojs/components';

export default function WorkbenchPage() {
  return <View className='page workbench'>投诉举报工作台</View>;
}
