import { Text, View } from '@tarojs/components';
import { useElderMode } from './elder-mode';
import { pressableAs } from './pressable';

/** 长辈版 on 我的: the same switch as the h5 top bar's, as a card with a line saying what it does. */
export function ElderModeSwitch() {
  const [on, setOn] = useElderMode();
  const toggle = () => setOn(!on);
  return (
    <View className='card elder-switch-card' {...pressableAs('checkbox', toggle)} role='switch' aria-checked={on ? 'true' : 'false'}>
      <View className='elder-switch-text'>
        <View className='card-title'>长辈版</View>
        <Text className='muted'>{on ? '已开启：字号更大，按钮更大，提示不再弹出即消失' : '字号更大、按钮更大，方便老年人阅读和操作'}</Text>
      </View>
      {/* The card is the control; the pill only shows its state. */}
      <View className={`elder-switch-pill${on ? ' elder-switch-pill-on' : ''}`} aria-hidden='true'>
        <View className='elder-switch-knob' />
      </View>
    </View>
  );
}
