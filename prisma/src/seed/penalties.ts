// The demo's 处罚信息公示: ten disclosed decisions, one warning alone (never disclosed) and one still to publish,
// each on an anonymous 举报 with its full trail and deadlines. Dates run back from today on the seeded calendar.
import type { Prisma } from '../generated/client';
import type { PublicDemoRefs } from './public-demo';

type Tx = Prisma.TransactionClient;
type Kind = 'WARNING' | 'FINE' | 'CONFISCATE_GAINS' | 'CONFISCATE_PROPERTY';

type Plan = {
  no: number;
  /** 业态 code and which of its businesses (in id order) */
  type: string;
  pick: number;
  /** a natural person (个体工商户), or the organisation's name suffix */
  person?: string;
  orgSuffix?: string;
  category: string;
  description: string;
  violationType: string;
  legalBasis: string;
  penaltyContent: string;
  kinds: Kind[];
  fine: number;
  confiscation?: number;
  /** working days from the decision back to today */
  decidedAgo: number;
  /** working days from the decision to its disclosure; null: not disclosed (yet) */
  disclosedAfter: number | null;
};

const FSL = '《中华人民共和国食品安全法》';
const PLANS: Plan[] = [
  { no: 3, type: 'CATERING_LARGE', pick: 2, orgSuffix: '餐饮管理有限公司', category: 'EXPIRED_FOOD', description: '后厨冷库里有几箱冻肉标签显示已过保质期，仍在使用。', violationType: '使用超过保质期的食品原料加工食品', legalBasis: `${FSL}第一百二十四条第一款第五项`, penaltyContent: '没收超过保质期的冻猪肉 18 千克，并处罚款 8000 元', kinds: ['FINE', 'CONFISCATE_PROPERTY'], fine: 8000, decidedAgo: 12, disclosedAfter: 3 },
  { no: 8, type: 'CATERING_SNACK', pick: 5, person: '王建国', category: 'OTHER', description: '店里两名帮工直接包馄饨，问了说没有办健康证。', violationType: '安排未取得健康证明的人员从事接触直接入口食品的工作', legalBasis: `${FSL}第一百二十六条第一款第六项`, penaltyContent: '警告，并处罚款 2000 元', kinds: ['WARNING', 'FINE'], fine: 2000, decidedAgo: 19, disclosedAfter: 5 },
  { no: 15, type: 'RETAIL_SUPERMARKET', pick: 1, orgSuffix: '商贸有限公司', category: 'EXPIRED_FOOD', description: '货架上的牛奶和面包有多件已经过期，还在打折销售。', violationType: '销售超过保质期的食品', legalBasis: `${FSL}第一百二十四条第一款第五项`, penaltyContent: '没收超过保质期的食品 36 件，没收违法所得 412.50 元，并处罚款 10000 元', kinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'], fine: 10000, confiscation: 412.5, decidedAgo: 26, disclosedAfter: 4 },
  { no: 21, type: 'RETAIL_CONVENIENCE', pick: 7, person: '刘桂芳', category: 'UNLICENSED', description: '店里找不到食品经营许可证，店员说收起来了。', violationType: '未按规定在经营场所显著位置公示食品经营许可证，经责令改正拒不改正', legalBasis: '《食品经营许可和备案管理办法》第六十八条', penaltyContent: '警告，并处罚款 5000 元', kinds: ['WARNING', 'FINE'], fine: 5000, decidedAgo: 33, disclosedAfter: 6 },
  { no: 27, type: 'CANTEEN', pick: 0, orgSuffix: '后勤服务有限公司', category: 'DIRTY_TABLEWARE', description: '食堂餐盘洗完直接叠放，消毒柜一直没开。', violationType: '未按规定对餐具、饮具进行清洗消毒', legalBasis: `${FSL}第一百二十六条第一款第五项`, penaltyContent: '警告，并处罚款 5000 元', kinds: ['WARNING', 'FINE'], fine: 5000, decidedAgo: 40, disclosedAfter: 2 },
  { no: 34, type: 'CATERING_FAST', pick: 3, person: '陈志强', category: 'POOR_HYGIENE', description: '后厨门窗没有纱窗，操作台上有苍蝇，墙角有老鼠洞。', violationType: '食品经营场所未按规定设置防蝇、防鼠设施', legalBasis: `${FSL}第一百二十六条第一款第五项`, penaltyContent: '罚款 3000 元', kinds: ['FINE'], fine: 3000, decidedAgo: 47, disclosedAfter: 7 },
  { no: 40, type: 'CATERING_DRINK', pick: 4, orgSuffix: '餐饮管理有限公司', category: 'OTHER', description: '店里卖的瓶装果汁没有生产日期和厂家信息。', violationType: '销售标签不符合规定的预包装食品', legalBasis: `${FSL}第一百二十五条第一款第二项`, penaltyContent: '没收违法所得 286 元，并处罚款 3000 元', kinds: ['FINE', 'CONFISCATE_GAINS'], fine: 3000, confiscation: 286, decidedAgo: 55, disclosedAfter: 4 },
  { no: 46, type: 'RETAIL_MARKET_STALL', pick: 9, person: '赵丽娟', category: 'OTHER', description: '摊位上的猪肉没有检疫合格证明，也没有盖章。', violationType: '销售未按规定进行检疫的肉类', legalBasis: `${FSL}第一百二十三条第一款第四项`, penaltyContent: '没收违法所得 640 元，没收未经检疫的猪肉 25 千克，并处罚款 5000 元', kinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'], fine: 5000, confiscation: 640, decidedAgo: 63, disclosedAfter: 5 },
  { no: 52, type: 'PRODUCTION_WORKSHOP', pick: 1, orgSuffix: '食品有限公司', category: 'OTHER', description: '这家小作坊登记做糕点，现在还在做辣条往外卖。', violationType: '超出登记的食品品种范围生产食品', legalBasis: '《食品生产加工小作坊和食品摊贩管理条例》第三十二条', penaltyContent: '没收违法所得 1520 元，没收违法生产的食品 48 袋，并处罚款 6000 元', kinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'], fine: 6000, confiscation: 1520, decidedAgo: 70, disclosedAfter: 3 },
  { no: 58, type: 'CATERING_SMALL', pick: 6, person: '孙德明', category: 'OTHER', description: '饭店进的肉和菜没有任何票据，老板说都是熟人送的。', violationType: '未按规定建立并遵守进货查验记录制度', legalBasis: `${FSL}第一百二十六条第一款第三项`, penaltyContent: '警告，并处罚款 5000 元', kinds: ['WARNING', 'FINE'], fine: 5000, decidedAgo: 78, disclosedAfter: 6 },
  // A warning alone: decided, never published, no disclosure limit.
  { no: 61, type: 'CATERING_SNACK', pick: 11, person: '周晓燕', category: 'POOR_HYGIENE', description: '操作间的员工没戴口罩和帽子，生熟案板混用。', violationType: '食品从业人员未按规定穿戴清洁的工作衣帽', legalBasis: `${FSL}第一百二十六条第一款第五项`, penaltyContent: '警告', kinds: ['WARNING'], fine: 0, decidedAgo: 15, disclosedAfter: null },
  // Still to publish, 2 working days left: the staff screen's 待公示.
  { no: 64, type: 'RETAIL_SUPERMARKET', pick: 4, orgSuffix: '商贸有限公司', category: 'EXPIRED_FOOD', description: '水果区的草莓和葡萄已经发霉，还混在好的里面卖。', violationType: '销售腐败变质的食品', legalBasis: `${FSL}第一百二十四条第一款第一项`, penaltyContent: '没收腐败变质的水果 12 千克，没收违法所得 230 元，并处罚款 5000 元', kinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'], fine: 5000, confiscation: 230, decidedAgo: 18, disclosedAfter: null },
];

// 统一社会信用代码 alphabet (no I, O, S, V, Z).
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DAY_MS = 86_400_000;

/** Working days on the calendar the server seeded (weekends, holidays and make-up days), as in the deadline engine. */
async function workingDays(tx: Tx) {
  const days = await tx.calendarDay.findMany({ select: { date: true, kind: true } });
  const kind = new Map(days.map((d) => [d.date.toISOString().slice(0, 10), d.kind]));
  const isWorking = (day: string) => {
    const k = kind.get(day);
    if (k) return k === 'MAKEUP_WORKDAY';
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const shift = (day: string, n: number) => {
    let at = Date.parse(`${day}T00:00:00Z`);
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      at += step * DAY_MS;
      if (isWorking(new Date(at).toISOString().slice(0, 10))) left--;
    }
    return new Date(at).toISOString().slice(0, 10);
  };
  return { shift, isWorking };
}

const shanghaiDay = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const dbDate = (day: string) => new Date(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function creditCode(areaCode: string, n: number): string {
  let tail = '';
  for (let i = 0, x = n * 7919 + 104_729; i < 8; i++, x = Math.floor(x / CODE_CHARS.length) + i * 31) tail += CODE_CHARS[x % CODE_CHARS.length];
  return `91${areaCode}MA${tail}`;
}

export async function writeDemoPenalties(tx: Tx, refs: PublicDemoRefs, now: Date = new Date()): Promise<void> {
  const district = await tx.district.findUniqueOrThrow({ where: { id: refs.districtId }, select: { name: true } });
  const authority = `${district.name}市场监督管理局`;
  const short = district.name.replace(/区$/, '');
  const areaCode = '339901';
  const cal = await workingDays(tx);
  // Plans count back from the last working day on or before today, so "due in 2 working days" reads the same on a
  // Saturday (in Shanghai) as on a Friday.
  const calendarToday = shanghaiDay(now);
  const today = cal.isWorking(calendarToday) ? calendarToday : cal.shift(calendarToday, -1);

  for (const plan of PLANS) {
    const business = await tx.business.findFirst({
      where: { businessType: { code: plan.type }, street: { districtId: refs.districtId } },
      orderBy: { id: 'asc' },
      skip: plan.pick,
      select: { id: true, name: true, streetId: true, communityId: true, street: { select: { officeId: true } }, assignments: { where: { endedAt: null }, select: { cadreId: true }, take: 1 } },
    });
    if (!business) continue;
    const officeId = business.street.officeId;
    const staff = await tx.user.findFirst({ where: { role: 'OFFICE_STAFF', officeId }, orderBy: { id: 'asc' }, select: { id: true } });
    const actor = { actorUserId: staff?.id ?? null, actorRole: 'OFFICE_STAFF' };

    const decisionDay = cal.shift(today, -plan.decidedAgo);
    const receivedDay = cal.shift(decisionDay, -30);
    const verifyDay = cal.shift(receivedDay, 1);
    const fileDay = cal.shift(receivedDay, 8);
    const resolveDay = cal.shift(decisionDay, 1);
    const disclosedDay = plan.disclosedAfter === null ? null : cal.shift(decisionDay, plan.disclosedAfter);
    const resolved = plan.disclosedAfter !== null || plan.kinds.every((k) => k === 'WARNING');
    const disclosable = plan.kinds.some((k) => k !== 'WARNING');
    const decisionNo = `${short}市监罚〔${decisionDay.slice(0, 4)}〕${plan.no}号`;

    const seq = await tx.trackingSequence.upsert({ where: { day: receivedDay }, create: { day: receivedDay, last: 1 }, update: { last: { increment: 1 } } });
    const trackingNo = `SA${receivedDay.replaceAll('-', '')}-${String(seq.last).padStart(6, '0')}`;
    const base = business.name.replace(/（.*）$/, '');
    const partyName = plan.person ?? `${short}${base}${plan.orgSuffix}`;
    const partyKind = plan.person ? ('NATURAL_PERSON' as const) : ('ORGANISATION' as const);
    const decided = at(decisionDay, '16:00');
    const disclosedAt = disclosedDay ? at(disclosedDay, '10:30') : null;

    const complaint = await tx.complaint.create({
      data: {
        trackingNo,
        kind: 'REPORT',
        category: plan.category,
        businessId: business.id,
        streetId: business.streetId,
        communityId: business.communityId,
        description: plan.description,
        anonymous: true,
        status: resolved ? 'RESOLVED' : 'CASE_DECIDED',
        outcome: resolved ? 'FIXED' : null,
        officeId,
        cadreId: business.assignments[0]?.cadreId ?? null,
        receivedAt: at(receivedDay, '09:12'),
        resolvedAt: resolved ? at(resolveDay, '15:00') : null,
      },
      select: { id: true },
    });
    await tx.deadline.createMany({
      data: [
        { complaintId: complaint.id, kind: 'VERIFY', startDate: dbDate(receivedDay), workingDays: 15, dueDate: dbDate(cal.shift(receivedDay, 15)), state: 'MET', metAt: at(fileDay, '11:00') },
        { complaintId: complaint.id, kind: 'CASE_DECISION', startDate: dbDate(fileDay), workingDays: 90, unit: 'CALENDAR_DAYS', dueDate: dbDate(addDays(fileDay, 90)), state: 'MET', metAt: decided },
        ...(disclosable
          ? [{ complaintId: complaint.id, kind: 'DISCLOSE' as const, startDate: dbDate(decisionDay), workingDays: 20, dueDate: dbDate(cal.shift(decisionDay, 20)), state: disclosedAt ? ('MET' as const) : ('OPEN' as const), metAt: disclosedAt }]
          : []),
      ],
    });
    await tx.penaltyDecision.create({
      data: {
        complaintId: complaint.id,
        businessId: business.id,
        type: 'PENALTY',
        decisionNo,
        partyKind,
        partyName,
        partyCreditCode: plan.person ? null : creditCode(areaCode, plan.no),
        violationType: plan.violationType,
        legalBasis: plan.legalBasis,
        penaltyContent: plan.penaltyContent,
        penaltyKinds: plan.kinds,
        fineAmount: plan.fine.toFixed(2),
        confiscationAmount: (plan.confiscation ?? 0).toFixed(2),
        authority,
        decisionDate: dbDate(decisionDay),
        recordedAt: decided,
        recordedBy: staff?.id ?? null,
        disclosedAt,
        disclosedBy: disclosedAt ? (staff?.id ?? null) : null,
      },
    });
    const step = (day: string, time: string, action: string, fromStatus: Prisma.ComplaintEventCreateManyInput['toStatus'] | null, toStatus: Prisma.ComplaintEventCreateManyInput['toStatus'], extra: { reason?: string; payload?: Prisma.InputJsonObject } = {}) => ({
      complaintId: complaint.id,
      at: at(day, time),
      ...actor,
      action,
      fromStatus,
      toStatus,
      ...extra,
    });
    await tx.complaintEvent.createMany({
      data: [
        { complaintId: complaint.id, at: at(receivedDay, '09:12'), actorRole: 'ANONYMOUS', action: 'submit', toStatus: 'SUBMITTED' as const, payload: { routing: 'BUSINESS_OFFICE' } },
        step(receivedDay, '14:20', 'accept', 'SUBMITTED', 'ACCEPTED'),
        step(verifyDay, '10:00', 'startVerification', 'ACCEPTED', 'VERIFYING'),
        step(fileDay, '11:00', 'fileCase', 'VERIFYING', 'CASE_FILED'),
        step(decisionDay, '16:00', 'decideCase', 'CASE_FILED', 'CASE_DECIDED', { payload: { decisionNo, decisionType: 'PENALTY' } }),
        ...(resolved ? [step(resolveDay, '15:00', 'resolve', 'CASE_DECIDED', 'RESOLVED', { payload: { outcome: 'FIXED', reply: '经核查，举报情况属实，我局已依法作出行政处罚决定，并责令当事人改正。感谢您对食品安全工作的支持。' } })] : []),
        ...(disclosedDay ? [step(disclosedDay, '10:30', 'disclose', 'RESOLVED', 'RESOLVED', { payload: { decisionNo, disclosedDate: disclosedDay } })] : []),
      ],
    });
  }
}
