import { useEffect, useState } from 'react';
import { ContentFlagBadge } from '../../components/content-flag-badge';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  CADRE_TIER_LABELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_STATUS_LABELS,
  DEADLINE_KIND_LABELS,
  PARTY_KIND_LABELS,
  PENALTY_DECISION_TYPE_LABELS,
  PENALTY_KIND_LABELS,
  ROLE_LABELS,
  type AreasTree,
  type AuditEntry,
  type Grade,
  type ReporterContact,
  type Role,
  type WorkbenchComplaint,
} from '@sa/contracts';
import { fetchReporterContact } from '../../api';
import { DEADLINE_STATE_LABELS, GRADE_LABELS } from '../../api/labels';
import { formatDate, formatDateTime, formatDueDate } from '../../components/format';
import { errorMessage, showError } from '../../components/show-error';
import { WbPhotos } from '../../components/wb-photo-viewer';
import { pressable, pressableAs } from '../../components/pressable';
import { RatingSummary } from '../../components/rating-summary';
import { ActionPanel } from './action-panel';
import { PROVISIONAL_NOTE, deadlineLength, deadlineUrgency } from './deadline-text';
import { FollowUpForm } from './follow-up-form';
import { RerouteForm } from './reroute-form';

type Props = {
  complaint: WorkbenchComplaint;
  areas: AreasTree | null;
  onChanged: (c: WorkbenchComplaint) => void;
  onOpen: (id: number) => void;
  onBack: () => void;
};

const OTHER_ACTORS: Record<string, string> = { SYSTEM: '系统', REPORTER: '反映人', PARTNER: '合作渠道（Open311）' };

/** Who did it, in words: the staff member's name, otherwise their role; never an English code. */
function actor(entry: AuditEntry): string {
  if (entry.actorName) return entry.actorName;
  return ROLE_LABELS[entry.actorRole as Role] ?? OTHER_ACTORS[entry.actorRole] ?? '系统';
}

const isGrade = (g: string): g is Grade => g in GRADE_LABELS;

/** 查看联系方式: the reporter's full contact, fetched (and audited by the server) only when staff ask for it. */
export function useReporterContact(complaintId: number) {
  const [contact, setContact] = useState<ReporterContact | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setContact(null), [complaintId]);
  const reveal = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setContact(await fetchReporterContact(complaintId));
    } catch (failure) {
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { contact, busy, error, reveal };
}

function Reporter({ complaint }: { complaint: WorkbenchComplaint }) {
  const { contact, busy, error, reveal } = useReporterContact(complaint.id);
  const reporter = complaint.reporter;
  if (!reporter) return null;

  return (
    <View className='card wb-reporter'>
      <View className='card-title'>反映人</View>
      {reporter.anonymous ? (
        <View className='detail-row'>{reporter.label}</View>
      ) : (
        <View>
          <View className='detail-row'>姓名：{contact?.name ?? reporter.name ?? '未填写'}</View>
          <View className='detail-row'>电话：{contact?.phone ?? reporter.phone ?? '未填写'}</View>
          {contact && <View className='detail-row wb-contact-address'>通讯地址：{contact.address ?? '未填写'}</View>}
          {reporter.canCallBack && !contact && (
            <View>
              <Button className='btn-plain wb-reveal-contact' size='mini' loading={busy} {...pressable(() => void reveal())}>
                查看联系方式
              </Button>
              <View className='muted'>查看完整联系方式会记入办理记录，仅用于回访和告知。</View>
            </View>
          )}
          {error && <View className='field-error'>{error}</View>}
        </View>
      )}
    </View>
  );
}

/** One complaint with everything staff need to handle it, and the actions open to this viewer now. */
export function DetailPanel({ complaint: c, areas, onChanged, onOpen, onBack }: Props) {
  const routing = c.routing[c.routing.length - 1];
  const decision = c.penaltyDecision;
  // Opened from the queue: the keyboard (and a screen reader) goes on from the complaint's heading, not from the
  // row it came from (hidden on a phone).
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
    // After the layout has switched to the detail (an element inside display:none cannot take the focus).
    let tries = 0;
    const timer = setInterval(() => {
      const title = document.querySelector<HTMLElement>('.wb-detail-title');
      if (title && title.offsetParent !== null) title.focus();
      if (document.activeElement === title || ++tries >= 10) clearInterval(timer);
    }, 50);
    return () => clearInterval(timer);
  }, [c.id]);
  return (
    <View className='wb-detail' role='region' aria-label={`${c.trackingNo} 详情`}>
      <Button className='btn-plain wb-back' size='mini' {...pressable(onBack)}>
        返回列表
      </Button>
      <View className='card'>
        <View className='wb-row-head'>
          <Text className='card-title wb-detail-title' {...{ tabIndex: -1 }}>
            {c.trackingNo}
          </Text>
          <Text className='tag'>{COMPLAINT_KIND_LABELS[c.kind]}</Text>
          {c.byVolunteer && <Text className='tag wb-tag-volunteer'>社会监督员</Text>}
          <ContentFlagBadge flag={c.contentFlag} />
        </View>
        <View className='detail-row wb-detail-status'>
          状态：{c.statusLabel}
          {c.outcome ? `（${COMPLAINT_OUTCOME_LABELS[c.outcome]}）` : ''}
        </View>
        <View className='detail-row'>问题类别：{COMPLAINT_CATEGORIES[c.category].label}</View>
        <View className='detail-row'>收到时间：{formatDateTime(c.receivedAt)}</View>
        {c.resolvedAt && <View className='detail-row'>办结时间：{formatDateTime(c.resolvedAt)}</View>}
        <View className='detail-row wb-support'>附议：{c.supportCount} 人</View>
        {c.linked && (
          <View className='link wb-linked' {...pressable(() => onOpen(c.linked!.id))}>
            同一次提交的{COMPLAINT_KIND_LABELS[c.linked.kind]}：{c.linked.trackingNo}（{c.linked.statusLabel}），点此打开
          </View>
        )}
      </View>

      <View className='card wb-content'>
        <View className='card-title'>反映内容</View>
        <View className='wb-description'>{c.description}</View>
        <WbPhotos ids={c.photoIds} label='反映人上传的照片' />
      </View>

      <View className='card wb-place'>
        <View className='card-title'>地点与经营主体</View>
        {c.business ? (
          <View>
            <View className='detail-row wb-business'>
              {c.business.name}
              <Text className='tag wb-grade'>{isGrade(c.business.grade) ? GRADE_LABELS[c.business.grade] : `${c.business.grade}级`}</Text>
            </View>
            <View className='detail-row'>许可证：{c.business.licenceNo}</View>
            <View className='detail-row'>地址：{c.business.address}</View>
          </View>
        ) : (
          <View>
            <View className='detail-row wb-business'>{c.businessName ?? '未登记经营主体'}</View>
            {c.businessAddress && <View className='detail-row'>地址：{c.businessAddress}</View>}
          </View>
        )}
        <View className='detail-row'>
          所在：{c.street?.name ?? '未知街道'} {c.community?.name ?? ''}
        </View>
      </View>

      <View className='card wb-handling'>
        <View className='card-title'>承办</View>
        <View className='detail-row'>承办监管所：{c.office?.name ?? '未分派'}</View>
        <View className='detail-row wb-cadre'>
          包保干部：{c.cadre ? `${c.cadre.name}（${CADRE_TIER_LABELS[c.cadre.tier]} · ${c.cadre.title}）` : '无'}
        </View>
        {routing && <View className='detail-row wb-routing'>分派理由：{routing.reason}</View>}
        {c.transferTo && <View className='detail-row'>转办部门：{c.transferTo}</View>}
      </View>

      <Reporter complaint={c} />

      <View className='card wb-deadlines'>
        <View className='card-title'>办理期限</View>
        {c.deadlines.length === 0 && <View className='hint'>没有法定期限。</View>}
        {c.deadlines.map((d) => {
          const due = deadlineUrgency(d);
          return (
            <View key={`${d.kind}-${d.startDate}`} className={`list-item wb-deadline wb-deadline-${d.kind}`}>
              <View className='detail-row'>
                <Text className='wb-deadline-label'>{DEADLINE_KIND_LABELS[d.kind]}</Text>（{deadlineLength(d)}，自 {d.startDate} 起）
              </View>
              <View className='detail-row'>
                截止：{formatDueDate(d.dueDate)}
                {d.provisional && <Text className='wb-provisional'>{PROVISIONAL_NOTE}</Text>}
              </View>
              <View className='detail-row'>
                {DEADLINE_STATE_LABELS[d.state]}
                {d.metAt ? `（${formatDate(d.metAt)}）` : ''}
                {d.escalatedAt ? ' · 已督办' : ''}
              </View>
              {due && <View className={`wb-due wb-due-${due.tone}`}>{due.text}</View>}
            </View>
          );
        })}
      </View>

      {(c.ratings.length > 0 || c.rectificationId !== null) && (
        <View className='card wb-ratings-card'>
          <View className='card-title'>好差评</View>
          {c.ratings.map((r) => (
            <RatingSummary key={r.id} rating={r} className='list-item' />
          ))}
          {c.rectificationId !== null && (
            <View
              className='link wb-to-rectification'
              {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/workbench/rectification?id=${c.rectificationId}` }), '查看差评整改与回访')}
            >
              查看差评整改与回访 ›
            </View>
          )}
        </View>
      )}

      {decision && (
        <View className='card wb-penalty'>
          <View className='card-title'>处理决定</View>
          <View className='detail-row'>
            {PENALTY_DECISION_TYPE_LABELS[decision.type]}：{decision.decisionNo}
          </View>
          <View className='detail-row'>
            当事人：{decision.partyName}（{PARTY_KIND_LABELS[decision.partyKind]}）{decision.partyCreditCode ? ` ${decision.partyCreditCode}` : ''}
            {decision.hasPartyIdNo ? ' · 身份证号码已加密保存' : ''}
          </View>
          <View className='detail-row'>违法行为：{decision.violationType}</View>
          <View className='detail-row'>处罚依据：{decision.legalBasis}</View>
          <View className='detail-row'>处罚内容：{decision.penaltyContent}</View>
          {decision.penaltyKinds.length > 0 && <View className='detail-row'>处罚种类：{decision.penaltyKinds.map((k) => PENALTY_KIND_LABELS[k]).join('、')}</View>}
          <View className='detail-row'>
            罚款 {decision.fineAmount} 元 · 没收 {decision.confiscationAmount} 元 · 决定日期 {decision.decisionDate}
          </View>
        </View>
      )}

      <ActionPanel complaint={c} onChanged={onChanged} />
      {c.canReroute && <RerouteForm key={c.id} complaint={c} areas={areas} onDone={onChanged} />}

      <View className='card wb-follow-ups'>
        <View className='card-title'>包保干部跟进记录</View>
        {c.followUps.length === 0 && <View className='hint'>暂无跟进记录。</View>}
        {c.followUps.map((f) => (
          <View key={f.id} className='list-item wb-follow-up'>
            <View className='detail-row'>
              {formatDateTime(f.createdAt)} · {f.cadre.name} · {f.kindLabel} <ContentFlagBadge flag={f.contentFlag} />
            </View>
            <View className='detail-row'>{f.note}</View>
            <WbPhotos ids={f.photoIds} label='跟进照片' />
          </View>
        ))}
      </View>
      {c.canFollowUp && <FollowUpForm key={c.id} complaint={c} onDone={onChanged} />}

      <View className='card wb-trail'>
        <View className='card-title'>办理记录</View>
        {c.trail.map((entry, index) => (
          <View key={`${entry.at}-${index}`} className='list-item wb-trail-entry'>
            <View className='detail-row'>
              {formatDateTime(entry.at)} · {actor(entry)} · <Text className='wb-trail-action'>{entry.actionLabel}</Text>
            </View>
            <View className='muted'>
              {entry.from ? `${COMPLAINT_STATUS_LABELS[entry.from]} → ` : ''}
              {COMPLAINT_STATUS_LABELS[entry.to]}
            </View>
            {entry.reason && <View className='detail-row'>{entry.reason}</View>}
          </View>
        ))}
      </View>
    </View>
  );
}
