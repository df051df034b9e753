import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pressableAs } from '../../components/pressable';

/**
 * A phone number that dials when tapped: a real tel: link on h5 (keyboard, screen readers and the phone's dialler
 * all know it), Taro.makePhoneCall in the mini-program, which has no links.
 */
export function PhoneLink({ phone, label }: { phone: string; label: string }) {
  const text = `电话：${phone}`;
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className='office-phone' href={`tel:${phone.replace(/[^\d+]/g, '')}`} aria-label={label}>
        {text}
      </a>
    );
  }
  return (
    <View className='office-phone' {...pressableAs('link', () => void Taro.makePhoneCall({ phoneNumber: phone }), label)}>
      {text}
    </View>
  );
}
