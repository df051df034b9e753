import { Text, View } from '@tarojs/components';
import { PRIVACY_INTRO, PRIVACY_SECTIONS, PRIVACY_UPDATED } from './privacy-notice';
import './index.css';
import { useElderPageClass } from '../../components/elder-page';

/** 隐私保护指引: linked from the consent panel in the mini-program and at /privacy on the portal. */
export default function PrivacyPage() {
  const elder = useElderPageClass();
  return (
    <View className={`page privacy${elder}`}>
      <View className='card'>
        <View className='privacy-title' role='heading' aria-level={1}>
          食安共治隐私保护指引
        </View>
        <Text className='privacy-updated'>更新日期：{PRIVACY_UPDATED}</Text>
        <Text className='privacy-paragraph'>{PRIVACY_INTRO}</Text>
      </View>
      {PRIVACY_SECTIONS.map((section) => (
        <View className='card' key={section.title}>
          <View className='card-title' role='heading' aria-level={2}>
            {section.title}
          </View>
          {section.paragraphs.map((p) => (
            <Text className='privacy-paragraph' key={p}>
              {p}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
