import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
  DEADLINE_KIND_LABELS,
  type ComplaintCategory,
  type ComplaintReceipt,
} from '@sa/contracts';
import { formatDueDate } from '../../components/format';
import { PROVISIONAL_EXPLANATION, PROVISIONAL_MARK } from '../../components/provisional';
import { pressable } from '../../components/pressable';
import { useElderPageClass } from '../../components/elder-page';
import { copyText } from '../../components/clipboard';
import { PrivacyConsent } from '../../components/privacy-consent';

type Props = { receipt: ComplaintReceipt; category: ComplaintCategory; onAnother: () => void };

const copy = (text: string) => void copyText(text);

/** 回执: what the reporter needs to follow the report up. */
export function ReceiptView({ receipt, category, onAnother }: Props) {
  const elder = useElderPageClass();
  const transfer = COMPLAINT_CATEGORIES[category];
  const track = () =>
    receipt.queryCode
      ? Taro.navigateTo({ url: `/pages/track/index?trackingNo=${receipt.trackingNo}&queryCode=${receipt.queryCode}` })
      : Taro.navigateTo({ url: `/pages/complaint/index?id=${receipt.id}` });

  return (
    <View className={`page report${elder}`}>
      <View className='card receipt'>
        <View className='receipt-title'>提交成功</View>
        <View className='muted'>
          {COMPLAINT_KIND_LABELS[receipt.kind]} · {COMPLAINT_STATUS_LABELS[receipt.status]}
        </View>
        {receipt.queryCode && <View className='receipt-warning'>请记下受理编号和查询码，凭这两项可随时查询办理进度</View>}

        <View className='receipt-row'>
          <Text className='receipt-label'>受理编号</Text>
          <Text className='receipt-value tracking-no'>{receipt.trackingNo}</Text>
          <Text className='link' {...pressable(() => copy(receipt.trackingNo), '复制受理编号')}>
            复制
          </Text>
        </View>
        {receipt.queryCode && (
          <View className='receipt-row'>
            <Text className='receipt-label'>查询码</Text>
            <Text className='receipt-value query-code'>{receipt.queryCode}</Text>
            <Text className='link' {...pressable(() => copy(`受理编号 ${receipt.trackingNo} 查询码 ${receipt.queryCode}`), '复制受理编号和查询码')}>
              复制
            </Text>
          </View>
        )}
        <PrivacyConsent purpose='clipboard' />
        {receipt.linked && (
          <View className='receipt-row'>
            <Text className='receipt-label'>同时登记的{COMPLAINT_KIND_LABELS[receipt.linked.kind]}</Text>
            <Text className='receipt-value'>{receipt.linked.trackingNo}</Text>
          </View>
        )}
        {receipt.linked?.queryCode && (
          <View className='receipt-row'>
            <Text className='receipt-label'>{COMPLAINT_KIND_LABELS[receipt.linked.kind]}查询码</Text>
            <Text className='receipt-value query-code linked-query-code'>{receipt.linked.queryCode}</Text>
          </View>
        )}

        <View className='detail-row'>承办单位：{receipt.office ? receipt.office.name : '待分派，监管部门将尽快确定承办单位'}</View>
        {receipt.deadlines.map((deadline) => (
          <View className='detail-row receipt-deadline' key={deadline.kind}>
            {DEADLINE_KIND_LABELS[deadline.kind]}：{formatDueDate(deadline.dueDate)}
            {deadline.provisional && PROVISIONAL_MARK}
          </View>
        ))}
        {!transfer.remit && 'transferTo' in transfer && (
          <View className='hint'>该问题不属于市场监管部门职责，将转交{transfer.transferTo}办理。</View>
        )}
        <View className='muted'>期限按法定工作日计算，节假日顺延。</View>
        {receipt.deadlines.some((deadline) => deadline.provisional) && <View className='muted provisional-note'>{PROVISIONAL_EXPLANATION}</View>}
      </View>

      <Button className='btn-primary' {...pressable(() => void track())}>
        查看办理进度
      </Button>
      <Button className='btn-plain another' {...pressable(onAnother)}>
        再反映一个问题
      </Button>
    </View>
  );
}
