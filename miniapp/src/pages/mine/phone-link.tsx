import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { Me } from '@sa/contracts';
import { requestPhoneLinkCode } from '../../api';
import { pressable } from '../../components/pressable';
import { linkPhoneNumber } from '../../session/session';
import { SmsCodeForm } from './sms-sign-in';
import './sms-sign-in.css';

/**
 * 绑定手机号 on 我的: a WeChat user (or a portal user signed in without a number) verifies a number by SMS code;
 * reports filed on the portal with that number then show here too. Once linked, the masked number.
 */
export function PhoneLink({ me }: { me: Me }) {
  const [changing, setChanging] = useState(false);
  const linked = me.phoneMasked !== null && !changing;
  return (
    <View className='card phone-link'>
      <View className='card-title'>{me.phoneMasked ? '已绑定手机号' : '绑定手机号'}</View>
      {linked ? (
        <View>
          <View className='phone-linked'>{me.phoneMasked}</View>
          <View className='muted'>在网页版用此手机号验证码登录，可看到同一份反映记录。</View>
          <Button className='btn-plain change-phone' {...pressable(() => setChanging(true))}>
            更换手机号
          </Button>
        </View>
      ) : (
        <View>
          <View className='muted'>绑定后，在网页版用手机号验证码登录也能看到您在小程序提交的反映，网页上提交的也会出现在这里。</View>
          <SmsCodeForm
            name='link'
            submitLabel='绑定'
            success='绑定成功'
            requestCode={requestPhoneLinkCode}
            submit={async (phone, code) => {
              await linkPhoneNumber(phone, code);
              setChanging(false);
            }}
          />
        </View>
      )}
    </View>
  );
}
