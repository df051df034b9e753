import { useEffect, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_CODES, type BusinessDetail, type ComplaintCategory, type ComplaintReceipt, type Me } from '@sa/contracts';
import { ApiError, submitComplaint } from '../../api';
import { focusSoon } from '../../components/focus-soon';
import { pressable, selectable } from '../../components/pressable';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { useSession } from '../../session/session';
import { askSubscribe, reportSubscribeAnswer } from '../../wechat/subscribe';
import { PhotoPicker, usePhotoUploads } from '../../components/photo-picker';
import { PlaceStep, emptyFreePlace, type FreePlace } from './place-step';
import {
  DESCRIPTION_MAX,
  anonymousAllowed,
  emptyDraft,
  fieldErrorsFromServer,
  firstError,
  isComplaint,
  loadPendingKey,
  needsPhone,
  newIdempotencyKey,
  recheckErrors,
  savePendingKey,
  validateDraft,
  type FieldErrors,
  type ReportDraft,
  type ReportKind,
} from './report-draft';
import { ReceiptView } from './receipt-view';
import { SimilarReports } from './similar-reports';
import './index.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';

const KIND_OPTIONS: { kind: ReportKind; label: string; explanation: string }[] = [
  { kind: 'COMPLAINT', label: '投诉', explanation: '与商家有消费纠纷，请监管所调解，如退换、赔偿（须实名）' },
  { kind: 'REPORT', label: '举报', explanation: '反映违法违规线索，由监管所核查处理，如无证经营、卫生差（可匿名）' },
  { kind: 'BOTH', label: '两者都有', explanation: '既要调解纠纷，又反映违法行为，将分别登记为一件投诉和一件举报' },
];

type Submitted = { receipt: ComplaintReceipt; category: ComplaintCategory };

/** Where each field's control is, in the order of the form: the first one to correct takes the focus (h5). */
const FIELD_CONTROLS: [keyof FieldErrors, string][] = [
  ['place', '.business-query input, .street-chips [role=button]'],
  ['businessName', '.free-name input'],
  ['businessAddress', '.free-address input'],
  ['kind', '.kind-option'],
  ['category', '.category-chips .chip'],
  ['description', '.description textarea'],
  ['photos', '.photo-add'],
  ['reporterName', '.reporter-name input'],
  ['contactPhone', '.contact-phone input'],
  ['reporterAddress', '.reporter-address input'],
];

/** The same in the mini-program, where the page scrolls to a node found by selector (no focus to move). */
const FIELD_BLOCKS: Record<keyof FieldErrors, string> = {
  place: '.place-step',
  businessName: '.free-name',
  businessAddress: '.free-address',
  kind: '.kind-option',
  category: '.category-chips',
  description: '.description',
  photos: '.photos-field',
  reporterName: '.reporter-name',
  contactPhone: '.contact-phone',
  reporterAddress: '.reporter-address',
  form: '.submit-report',
};

/** The first field to correct is brought to the middle of the screen, with its message, and takes the focus (h5). */
function showFirstProblem(errors: FieldErrors) {
  const field = FIELD_CONTROLS.find(([name]) => errors[name])?.[0];
  if (!field) return;
  if (process.env.TARO_ENV !== 'h5') {
    void Taro.pageScrollTo({ selector: `.page.report ${FIELD_BLOCKS[field]}`, offsetTop: -120, duration: 300 });
    return;
  }
  const selector = FIELD_CONTROLS.find(([name]) => name === field)![1];
  // Taro keeps hidden pages in the document: only the one on screen counts.
  const scoped = selector
    .split(',')
    .map((part) => `.taro_page_show .page.report ${part.trim()}`)
    .join(', ');
  // After the messages have rendered, so the field and its message are on screen together.
  focusSoon(scoped, { scroll: true });
}

/** The name a signed-in resident goes by, to fill in for them; not the placeholders given to new accounts. */
export function nameFromSession(me: Me | null): string {
  if (!me) return '';
  if (me.volunteer) return me.volunteer.name;
  return /^(微信用户|居民\s)|\*/.test(me.displayName) ? '' : me.displayName;
}

/** 随手拍: where, what, who, on one page; a retry of the same fill never files the report twice. */
export default function ReportPage() {
  const elder = useElderPageClass();
  const session = useSession();
  const sessionName = nameFromSession(session.me);
  const [draft, setDraft] = useState<ReportDraft>(() => ({ ...emptyDraft(), reporterName: sessionName }));
  const [business, setBusiness] = useState<BusinessDetail | null>(null);
  const [dismissedLocation, setDismissedLocation] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  // One key per fill of the form, kept in storage too, so a retry after a lost reply (or a restart) is recognised.
  const [pendingKey, setPendingKey] = useState<string | null>(loadPendingKey);
  const uploads = usePhotoUploads();

  const update = (change: Partial<ReportDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    // A message stays only as long as what it is about is still wrong.
    setErrors((before) => recheckErrors(before, { ...draft, photoIds: uploads.ids }, { ...next, photoIds: uploads.ids }));
  };
  // The session is often restored after the form opened: the name comes in then, unless the user has typed one.
  useEffect(() => {
    if (sessionName !== '') setDraft((d) => (d.reporterName === '' ? { ...d, reporterName: sessionName } : d));
  }, [sessionName]);
  // A failed photo that was retried or removed no longer holds the report.
  useEffect(() => {
    if (uploads.failed) return;
    setErrors((before) => {
      if (before.photos === undefined) return before;
      const { photos: _settled, ...rest } = before;
      return rest;
    });
  }, [uploads.failed, uploads.photos.length]);
  const freePlace = draft.place?.type === 'free' ? draft.place : null;

  const pickBusiness = (picked: BusinessDetail) => {
    setBusiness(picked);
    update({ place: { type: 'business', businessId: picked.id } });
  };
  const setFreePlace = (place: FreePlace | null) => {
    setBusiness(null);
    update({ place });
  };

  // A photo taken on the spot says where the problem is, when the user has not said so yet.
  const photoLocation = uploads.photos.find((photo) => photo.upload?.location)?.upload?.location ?? null;
  const offerLocation = !business && !draft.location && !dismissedLocation ? photoLocation : null;
  const useLocation = () => {
    update({ location: offerLocation, place: draft.place ?? emptyFreePlace() });
    if (!draft.place) notify('已使用拍摄位置，请在第一步选择所在街道');
  };

  const anonymous = anonymousAllowed(draft.kind) && draft.anonymousChosen;
  const category = draft.category ? COMPLAINT_CATEGORIES[draft.category] : null;

  const startOver = () => {
    setDraft({ ...emptyDraft(), reporterName: sessionName });
    setBusiness(null);
    setDismissedLocation(false);
    setErrors({});
    setSubmitError(null);
    setSubmitted(null);
    uploads.reset();
  };

  const submit = async () => {
    if (submitting) return;
    if (uploads.busy) {
      notify('照片正在上传，请稍候再提交');
      return;
    }
    if (uploads.failed) {
      const message = '有照片未上传成功，请重试或删除后再提交';
      setErrors({ photos: message });
      showError(new FormError(message));
      return;
    }
    const key = pendingKey ?? newIdempotencyKey();
    const validated = validateDraft({ ...draft, photoIds: uploads.ids }, key);
    if (!validated.ok) {
      setErrors(validated.errors);
      setSubmitError(null);
      showError(new FormError(firstError(validated.errors)));
      showFirstProblem(validated.errors);
      return;
    }
    setErrors({});
    setSubmitError(null);
    setPendingKey(key);
    savePendingKey(key);
    // WeChat opens its subscribe dialog only within the tap itself: asked here, before the first await (weapp only).
    const subscribed = askSubscribe();
    setSubmitting(true);
    try {
      const receipt = await submitComplaint(validated.request);
      savePendingKey(null);
      setPendingKey(null);
      setSubmitted({ receipt, category: validated.request.category });
      // The receipt replaces a long form: show it from its top, where the tracking number is.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (error) {
      let message = errorMessage(error);
      if (error instanceof ApiError && error.code === 'IDEMPOTENCY_CONFLICT') {
        // The first try did arrive (its reply was lost) and the form has changed since: a new submission needs a new key.
        savePendingKey(null);
        setPendingKey(null);
        message = '您之前提交的内容可能已被受理，登录后可在“我的”中查看；如确认是另一个问题，请再次点击提交。';
      }
      setErrors(fieldErrorsFromServer(error));
      setSubmitError(message);
      showError(new FormError(message));
    } finally {
      setSubmitting(false);
      // Sent or not, the user's answer stands: grants are per user, not per report.
      void reportSubscribeAnswer(subscribed, session.status === 'signed-in');
    }
  };

  if (submitted) return <ReceiptView receipt={submitted.receipt} category={submitted.category} onAnother={startOver} />;

  return (
    <View className={`page report${elder}`}>
      <ElderPageNotice />
      <PlaceStep
        business={business}
        freePlace={freePlace}
        location={draft.location}
        respondentRequired={isComplaint(draft.kind)}
        error={errors.place}
        businessNameError={errors.businessName}
        businessAddressError={errors.businessAddress}
        onPickBusiness={pickBusiness}
        onFreePlace={setFreePlace}
        onDropLocation={() => {
          update({ location: null });
          setDismissedLocation(true);
        }}
      />

      <SimilarReports entityId={business?.id ?? null} location={business ? null : draft.location} signedIn={session.status === 'signed-in'} />

      <View className='card'>
        <View className='card-title'>第二步：反映什么问题</View>
        <View className='field-label'>类型</View>
        {KIND_OPTIONS.map((option) => (
          <View
            key={option.kind}
            className={`kind-option${draft.kind === option.kind ? ' kind-selected' : ''}`}
            {...selectable(draft.kind === option.kind, () => update({ kind: option.kind }))}
          >
            <Text className='kind-label'>{option.label}</Text>
            <Text className='muted'>{option.explanation}</Text>
          </View>
        ))}
        {errors.kind && <View className='field-error'>{errors.kind}</View>}

        <View className='field-label'>问题类别</View>
        <View className='chips category-chips'>
          {COMPLAINT_CATEGORY_CODES.map((code) => (
            <Text
              key={code}
              className={`chip${draft.category === code ? ' chip-selected' : ''}`}
              {...selectable(draft.category === code, () => update({ category: code }))}
            >
              {COMPLAINT_CATEGORIES[code].label}
            </Text>
          ))}
        </View>
        {category && !category.remit && 'transferTo' in category && (
          <View className='transfer-note'>
            {category.label}不属于市场监管部门的食品安全职责，提交后将转交{category.transferTo}办理；实名提交的，将告知您转办情况。
          </View>
        )}
        {errors.category && <View className='field-error'>{errors.category}</View>}

        <View className='field-label'>问题描述</View>
        <Textarea
          className='field textarea description'
          value={draft.description}
          maxlength={DESCRIPTION_MAX}
          placeholder='请写清时间、经过和看到的情况（至少 10 个字）'
          nativeProps={{ 'aria-label': '问题描述' }}
          onInput={(event) => update({ description: event.detail.value })}
        />
        <View className='counter'>
          {draft.description.length}/{DESCRIPTION_MAX}
        </View>
        {errors.description && <View className='field-error'>{errors.description}</View>}

        <PhotoPicker {...uploads} error={errors.photos} />
        {offerLocation && (
          <View className='location-offer'>
            <View className='offer-title'>用照片的拍摄位置？</View>
            <View className='muted'>
              照片记录了拍摄位置（北纬 {offerLocation.lat.toFixed(5)}，东经 {offerLocation.lng.toFixed(5)}），可用作问题发生的地点，方便监管所找到现场。
            </View>
            <View className='offer-actions'>
              <Button className='btn-primary use-location' size='mini' {...pressable(useLocation)}>
                使用该位置
              </Button>
              <Button className='btn-plain' size='mini' {...pressable(() => setDismissedLocation(true))}>
                不使用
              </Button>
            </View>
          </View>
        )}
      </View>

      <View className='card'>
        <View className='card-title'>第三步：您的联系方式</View>
        {draft.kind === 'REPORT' && (
          <View>
            <View className='chips identity-chips'>
              <Text className={`chip${!anonymous ? ' chip-selected' : ''}`} {...selectable(!anonymous, () => update({ anonymousChosen: false }))}>
                实名举报
              </Text>
              <Text
                className={`chip anonymous-switch${anonymous ? ' chip-selected' : ''}`}
                {...selectable(anonymous, () => update({ anonymousChosen: true }))}
              >
                匿名举报
              </Text>
            </View>
            <View className='muted identity-note'>
              {anonymous
                ? '匿名举报不留姓名和电话，监管所无法回访，也不会告知您是否立案；您仍可凭受理编号查询办理进度。'
                : '实名举报可收到是否立案的告知，符合条件的可申请举报奖励。您的身份严格保密，经营者和包保干部看不到。'}
            </View>
          </View>
        )}
        {isComplaint(draft.kind) && (
          <View className='identity-note'>
            {draft.anonymousChosen && <View className='field-error'>投诉不能匿名，已改为实名提交。只想匿名反映违法线索，请选择“举报”。</View>}
            <View className='complaint-rule'>投诉须实名，并写明被投诉人，以便依法调解</View>
            <View className='muted'>
              请留下姓名、联系电话和通讯地址，监管所据此联系您、书面告知处理结果；被投诉人即第一步选择或填写的经营者。您的信息加密保存，经营者和包保干部看不到。
            </View>
          </View>
        )}
        {!anonymous && (
          <View>
            <View className='field-label'>姓名</View>
            <Input
              className='field reporter-name'
              value={draft.reporterName}
              maxlength={40}
              placeholder='姓名'
              nativeProps={{ 'aria-label': '姓名', autocomplete: 'name' }}
              onInput={(event) => update({ reporterName: event.detail.value })}
            />
            {sessionName !== '' && draft.reporterName === sessionName && <View className='muted prefilled'>已按您登录的账号填写，可修改</View>}
            {errors.reporterName && <View className='field-error'>{errors.reporterName}</View>}
            <View className='field-label'>联系电话</View>
            <Input
              className='field contact-phone'
              type='text'
              value={draft.contactPhone}
              maxlength={20}
              placeholder={needsPhone(draft.kind) ? '联系电话（手机或座机）' : '联系电话（选填，便于告知处理结果）'}
              nativeProps={{ 'aria-label': '联系电话', autocomplete: 'tel' }}
              onInput={(event) => update({ contactPhone: event.detail.value })}
            />
            {errors.contactPhone && <View className='field-error'>{errors.contactPhone}</View>}
            {isComplaint(draft.kind) && (
              <View>
                <View className='field-label'>通讯地址</View>
                <Input
                  className='field reporter-address'
                  value={draft.reporterAddress}
                  maxlength={200}
                  placeholder='通讯地址（如 东湖街道人民路 12 号 3 栋 201）'
                  nativeProps={{ 'aria-label': '通讯地址', autocomplete: 'street-address' }}
                  onInput={(event) => update({ reporterAddress: event.detail.value })}
                />
                {errors.reporterAddress && <View className='field-error'>{errors.reporterAddress}</View>}
              </View>
            )}
          </View>
        )}
      </View>

      {submitError && (
        <View className='submit-error' role='alert'>
          {submitError}
        </View>
      )}
      {errors.form && <View className='submit-error'>{errors.form}</View>}
      <Button className='btn-primary submit-report' loading={submitting} {...pressable(() => void submit())}>
        {submitError && !submitting ? '重新提交' : '提交'}
      </Button>
      <View className='hint'>提交后将生成受理编号，监管所按法定时限受理、核查并答复。</View>
    </View>
  );
}
