import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { OpenSurvey } from '@sa/contracts';
import { fetchOpenSurveys } from '../api/surveys';
import { pressable } from './pressable';

export const SURVEYS_URL = '/pages/survey/index';

/**
 * The 满意度测评 open today, read again whenever the page comes back into view (an answer given, a sign-in);
 * empty when none is open or they could not be loaded: the entry is only a way in, never a page's content.
 */
export function useOpenSurveys(): OpenSurvey[] {
  const [surveys, setSurveys] = useState<OpenSurvey[]>([]);
  useDidShow(() => {
    fetchOpenSurveys()
      .then(setSurveys)
      .catch(() => setSurveys([]));
  });
  return surveys;
}

/** What the entry says about the open campaigns. */
export function surveyEntryHint(surveys: readonly OpenSurvey[]): string {
  const waiting = surveys.filter((s) => !s.answered);
  if (waiting.length === 0) return '本期测评您已参与，感谢支持';
  return waiting.length === 1 ? `正在进行：${waiting[0]!.title}` : `${waiting.length} 项测评正在进行，邀您参与`;
}

/** 我的: the entry card, shown while a campaign is open. */
export function SurveyEntryCard() {
  const surveys = useOpenSurveys();
  if (surveys.length === 0) return null;
  const open = () => void Taro.navigateTo({ url: SURVEYS_URL });
  return (
    <View className='card home-entry survey-entry' {...pressable(open)}>
      <View>
        <View className='card-title'>满意度测评</View>
        <View className='muted'>{surveyEntryHint(surveys)}</View>
      </View>
      <Text className='entry-arrow' aria-hidden='true'>
        ›
      </Text>
    </View>
  );
}
