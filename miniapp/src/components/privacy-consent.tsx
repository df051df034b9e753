import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { agreePrivacy, declinePrivacy, type PrivacyPurpose, privacyPanelShown, usePrivacyState } from '../wechat/privacy';
import { pressableAs } from './pressable';
import './privacy-consent.css';

export const PRIVACY_PAGE = '/pages/privacy/index';

const WHAT: Record<PrivacyPurpose, { need: string; without: string }> = {
  photos: { need: '选择或拍摄现场照片需要使用您的相册和相机。', without: '您未同意隐私保护指引，暂时无法添加照片。不上传照片也可以提交，表单其他内容不受影响；需要时可再次点击添加照片。' },
  location: { need: '获取位置需要使用您的位置信息，只用来建议问题发生的地点。', without: '您未同意隐私保护指引，无法获取位置。请在第一步手动选择所在街道，表单其他内容不受影响。' },
};

/**
 * The app's own consent panel for WeChat's privacy check, in the page beside the control that asked (no pop-up:
 * 长辈版 has none). The agree button has WeChat's required open-type; declining leaves the rest of the form usable.
 */
export function PrivacyConsent({ purpose }: { purpose: PrivacyPurpose }) {
  const { asking, refused } = usePrivacyState();
  const open = asking === purpose;
  useEffect(() => {
    if (open) privacyPanelShown();
  }, [open]);

  if (open) {
    const buttonId = `privacy-agree-${purpose}`;
    return (
      <View className='privacy-consent' role='region' aria-label='隐私保护提示'>
        <View className='privacy-consent-title' role='heading' aria-level={3}>
          隐私保护提示
        </View>
        <Text className='privacy-consent-text'>{WHAT[purpose].need}请先阅读并同意《食安共治隐私保护指引》：举报人身份只有负责办理的市场监管所可见。</Text>
        <View className='privacy-consent-link' {...pressableAs('link', () => void Taro.navigateTo({ url: PRIVACY_PAGE }))}>
          查看《食安共治隐私保护指引》
        </View>
        <View className='privacy-consent-actions'>
          <Button
            id={buttonId}
            className='btn-primary privacy-consent-agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => agreePrivacy(buttonId)}
          >
            同意并继续
          </Button>
          <Button className='btn-plain privacy-consent-decline' onClick={declinePrivacy}>
            不同意
          </Button>
        </View>
      </View>
    );
  }
  if (refused.has(purpose)) {
    return (
      <View className='privacy-consent-refused' role='status'>
        {WHAT[purpose].without}
      </View>
    );
  }
  return null;
}
