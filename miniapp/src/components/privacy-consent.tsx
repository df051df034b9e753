import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { agreePrivacy, declinePrivacy, mountPrivacyPanel, privacyKey, type PrivacyPurpose, privacyPanelShown, usePrivacyState } from '../wechat/privacy';
import { pressableAs } from './pressable';
import './privacy-consent.css';

export const PRIVACY_PAGE = '/pages/privacy/index';

const WHAT: Record<PrivacyPurpose, { need: string; without: string }> = {
  photos: { need: '选择或拍摄现场照片需要使用您的相册和相机。', without: '您未同意隐私保护指引，暂时无法添加照片。不上传照片也可以提交，表单其他内容不受影响；需要时可再次点击添加照片。' },
  location: { need: '获取位置需要使用您的位置信息，只用来建议问题发生的地点。', without: '您未同意隐私保护指引，无法获取位置。请在第一步手动选择所在街道，表单其他内容不受影响。' },
  clipboard: { need: '复制需要使用手机的剪贴板，只写入您要复制的内容，不读取剪贴板。', without: '您未同意隐私保护指引，没有复制任何内容。请手动记下需要的内容；需要时可再次点击“复制”。' },
  file: { need: '选择文件需要读取您在微信聊天中选中的文件，只用来导入这一份文件。', without: '您未同意隐私保护指引，无法从聊天记录选择文件，也没有导入任何内容；需要时可再次点击选择文件。' },
};

/**
 * The app's own consent panel for WeChat's privacy check, in the page beside the control that asked (no pop-up:
 * 长辈版 has none). The agree button has WeChat's required open-type; declining leaves the rest of the page usable.
 * Every control that calls a privacy API (through ensurePrivacy) has one of these of its purpose nearby; `at` as
 * given to ensurePrivacy where one page has several such controls.
 */
export function PrivacyConsent({ purpose, at }: { purpose: PrivacyPurpose; at?: string }) {
  const { asking, refused } = usePrivacyState();
  const key = privacyKey(purpose, at);
  const open = asking === key;
  useEffect(() => mountPrivacyPanel(key), [key]);
  useEffect(() => {
    if (open) privacyPanelShown();
  }, [open]);

  if (open) {
    const buttonId = `privacy-agree-${key.replace(/[^\w-]/g, '-')}`;
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
  if (refused.has(key)) {
    return (
      <View className='privacy-consent-refused' role='status'>
        {WHAT[purpose].without}
      </View>
    );
  }
  return null;
}
