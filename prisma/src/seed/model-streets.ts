// The three 示范街 the bureau names in its annual report, each on food businesses of one street of 青岚区 (fictional).
import type { Prisma } from '../generated/client';
import { DEMO_DISTRICT_CODE } from './demo-district';
import type { PublicDemoRefs } from './public-demo';

type DemoModelStreet = {
  code: string;
  name: string;
  /** the 街道 it lies in, as the seed codes it */
  streetCode: string;
  address: string;
  description: string;
  /** 业态 of the businesses that join it */
  typeCodes: string[];
  businessCount: number;
  /** the address a member business gets: the n-th (from 1) along the street */
  memberAddress: (streetName: string, n: number) => string;
};

const CATERING = ['CATERING_LARGE', 'CATERING_SMALL', 'CATERING_SNACK', 'CATERING_FAST', 'CATERING_DRINK'];

export const DEMO_MODEL_STREETS: DemoModelStreet[] = [
  {
    code: 'MS-HEPING',
    name: '和平街',
    streetCode: `${DEMO_DISTRICT_CODE}-S01`,
    address: '青岚区东湖街道和平街（东湖路口至春晖路口）',
    description:
      '和平街是东湖街道的老字号美食街，全长约 600 米，汇集了面馆、小吃、本帮菜和茶饮店。街区统一实行“明厨亮灶”，' +
      '后厨操作通过门口屏幕实时展示；每家店门口公示食品经营许可证、包保干部和投诉电话，街区设有食品安全员每日巡查。',
    typeCodes: CATERING,
    businessCount: 18,
    memberAddress: (streetName, n) => `${streetName}和平街${2 * n - 1}号`,
  },
  {
    code: 'MS-CHUNGUANG',
    name: '春光巷',
    streetCode: `${DEMO_DISTRICT_CODE}-S04`,
    address: '青岚区西河街道春光巷（石桥路至古井路）',
    description:
      '春光巷位于西河街道古井社区，以早点和夜宵小吃闻名。巷内商户签订食品安全承诺书，统一使用密闭式餐厨垃圾桶，' +
      '油烟净化设施定期清洗并记录；街道和监管所每季度联合开展督导检查，检查结果在巷口公示栏公开。',
    typeCodes: CATERING,
    businessCount: 15,
    memberAddress: (streetName, n) => `${streetName}春光巷${n}号`,
  },
  {
    code: 'MS-TAIYANG',
    name: '太阳市场',
    streetCode: `${DEMO_DISTRICT_CODE}-S07`,
    address: '青岚区湖滨街道白鹭路 66 号太阳市场',
    description:
      '太阳市场是湖滨街道的综合农贸市场，设蔬菜、水产、鲜肉、熟食区和美食档口。市场设立快检室，每天对蔬菜农残、' +
      '水产品等开展快速检测并公示结果；摊位实行“一户一档”，进货查验和索证索票记录可随时查阅。',
    typeCodes: [...CATERING, 'RETAIL_MARKET_STALL'],
    businessCount: 22,
    memberAddress: (streetName, n) => `${streetName}白鹭路66号太阳市场${n}号档口`,
  },
];

/** Picks each street's members by licence number (stable for a given seed) and moves them onto it. */
export async function writeDemoModelStreets(tx: Prisma.TransactionClient, refs: PublicDemoRefs): Promise<void> {
  for (const [sortOrder, plan] of DEMO_MODEL_STREETS.entries()) {
    const streetId = refs.streets.get(plan.streetCode);
    if (streetId === undefined) throw new Error(`demo seed: unknown street ${plan.streetCode}`);
    const street = await tx.street.findUniqueOrThrow({ where: { id: streetId }, select: { name: true } });
    const modelStreet = await tx.modelStreet.create({
      data: { code: plan.code, name: plan.name, streetId, address: plan.address, description: plan.description, sortOrder: sortOrder + 1 },
      select: { id: true },
    });
    const members = await tx.business.findMany({
      where: { streetId, modelStreetId: null, businessType: { code: { in: plan.typeCodes } } },
      orderBy: { licenceNo: 'asc' },
      take: plan.businessCount,
      select: { id: true },
    });
    for (const [i, member] of members.entries()) {
      await tx.business.update({
        where: { id: member.id },
        data: { modelStreetId: modelStreet.id, address: plan.memberAddress(street.name, i + 1) },
      });
    }
  }
}
