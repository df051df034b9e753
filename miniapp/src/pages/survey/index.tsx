import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { OpenSurvey } from '@sa/contracts';
import { fetchOpenSurveys } from '../../api/surveys';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';
import { LoadError } from '../../components/load-error';
import { pressableAs } from '../../components/pressable';
import { errorMessage } from '../../components/show-error';
import { surveyPeriod, surveyScope } from './survey-text';
import './survey.css';

/** 满意度测评: the campaigns open today; the ones this resident has answered are marked 已参与. */
export default function SurveyListPage() {
  const elder = useElderPageClass();
  const [surveys, setSurveys] = useState<OpenSurvey[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    setError(null);
    fetchOpenSurveys()
      .then(setSurveys)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  };
  // Again on coming back: an answer just given, or a sign-in on 我的, changes what is marked 已参与.
  useDidShow(load);

  return (
    <View className={`page survey${elder}`}>
      <ElderPageNotice />
      <View className='survey-frame'>
        <View className='survey-title' role='heading' aria-level={1}>
          满意度测评
        </View>
        <View className='muted survey-intro'>区食安办开展的食品安全群众满意度测评，每次测评每人参加一次，约需 2 分钟。</View>
        {surveys === null && error === null && <View className='hint'>正在加载…</View>}
        <LoadError message={error} onRetry={load} />
        {surveys?.length === 0 && <View className='card hint survey-none'>目前没有正在进行的满意度测评。</View>}
        {surveys && surveys.length > 0 && (
          <View role='list' aria-label='正在进行的测评'>
            {surveys.map((survey) => (
              <SurveyItem key={survey.id} survey={survey} />
            ))}
          </View>
        )}
      </View>
    </View>
  );
}

function SurveyItem({ survey }: { survey: OpenSurvey }) {
  const open = () => void Taro.navigateTo({ url: `/pages/survey/answer?id=${survey.id}` });
  return (
    <View role='listitem'>
      <View className='card survey-item' {...pressableAs('link', open)}>
        <View>
          <View className='survey-item-title'>{survey.title}</View>
          <View className='survey-meta'>{surveyPeriod(survey)}</View>
          <View className='survey-meta'>{surveyScope(survey)}</View>
        </View>
        {survey.answered ? <Text className='survey-done'>已参与</Text> : <Text className='survey-go'>去参与 ›</Text>}
      </View>
    </View>
  );
}
