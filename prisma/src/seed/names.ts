// Word lists for the fictional demo district 青岚区. Every person, shop and place is made up.
import type { Rng } from './prng';

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '龙', '史',
  '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '武', '戴', '莫', '孔', '汤',
] as const;

const GIVEN_CHARS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '玉', '萍', '红', '文', '辉', '建', '国', '志', '海', '燕', '斌', '宇', '浩', '凯', '鹏', '丹',
  '婷', '雪', '琳', '晨', '思', '佳', '欣', '怡', '涵', '博', '俊', '峰', '岚', '梅', '蕾', '慧', '晓', '振', '德', '春',
  '秋', '云', '松', '林', '晶', '立', '新', '永', '红', '兰', '清', '卫', '东', '荣', '金', '亮', '颖', '倩', '瑶', '睿',
] as const;

/** 姓 + one or two given-name characters, e.g. 「陈晓岚」「周敏」. */
export function personName(rng: Rng): string {
  const surname = rng.pick(SURNAMES);
  const first = rng.pick(GIVEN_CHARS);
  if (rng.chance(0.25)) return surname + first;
  let second = rng.pick(GIVEN_CHARS);
  while (second === first) second = rng.pick(GIVEN_CHARS);
  return surname + first + second;
}

export const DISTRICT_NAME = '青岚区';
/** A county-level code that does not exist (no prefecture 99 in province 33), used in licence numbers. */
export const DISTRICT_AREA_CODE = '339901';
/** The city is never named; titles say 市 only. Office phones use the unassigned area code 012. */
export const OFFICE_PHONE_PREFIX = '012-';

export type AreaPlan = {
  office: { short: string; road: string };
  streets: { name: string; communities: string[] }[];
};

/** Three 市场监管所, splitting the eight streets 3/3/2; five communities per street. */
export const AREA_PLAN: AreaPlan[] = [
  {
    office: { short: '城东', road: '春晖路' },
    streets: [
      { name: '东湖街道', communities: ['东湖社区', '春晖社区', '紫荆社区', '望月社区', '锦绣社区'] },
      { name: '观澜街道', communities: ['观澜社区', '听涛社区', '碧波社区', '云帆社区', '枫林社区'] },
      { name: '柳岸街道', communities: ['柳岸社区', '杏花社区', '桃源社区', '莲塘社区', '芳草社区'] },
    ],
  },
  {
    office: { short: '城西', road: '石桥路' },
    streets: [
      { name: '西河街道', communities: ['西河社区', '石桥社区', '古井社区', '长乐社区', '永安社区'] },
      { name: '青石街道', communities: ['青石社区', '松风社区', '竹韵社区', '梅园社区', '兰亭社区'] },
      { name: '桂苑街道', communities: ['桂苑社区', '丹桂社区', '金桂社区', '银杏社区', '香樟社区'] },
    ],
  },
  {
    office: { short: '湖滨', road: '白鹭路' },
    streets: [
      { name: '湖滨街道', communities: ['湖滨社区', '镜湖社区', '白鹭社区', '渔舟社区', '晚晴社区'] },
      { name: '新港街道', communities: ['新港社区', '海棠社区', '启航社区', '港湾社区', '星河社区'] },
    ],
  },
];

export const ROAD_WORDS = [
  '建设', '人民', '文化', '和平', '朝阳', '青年', '光明', '新华', '学院', '体育', '振兴', '兴业', '丰收', '育才', '南塘',
  '北山', '西溪', '荷花', '松涛', '竹园', '梅岭', '杏坛', '银桥', '石板', '平安', '幸福', '团结', '长青', '春风', '秋实',
  '晨曦', '明月', '清风', '白云', '翠柳', '金沙', '玉泉', '望湖', '沿河', '滨江', '环湖', '府前', '学府', '工农', '红星',
  '前进', '凤凰', '龙舟', '桑园', '茶山',
] as const;
export const ROAD_SUFFIXES = ['路', '路', '路', '街', '街', '巷', '大道'] as const;

export type BusinessTypeCode =
  | 'CATERING_LARGE'
  | 'CATERING_SMALL'
  | 'CATERING_SNACK'
  | 'CATERING_FAST'
  | 'CATERING_DRINK'
  | 'CANTEEN'
  | 'RETAIL_SUPERMARKET'
  | 'RETAIL_CONVENIENCE'
  | 'RETAIL_MARKET_STALL'
  | 'PRODUCTION_WORKSHOP';

/** 业态, with the first digit of their licence number (1 食品销售, 2 餐饮服务, 3 单位食堂). */
export const BUSINESS_TYPES: { code: BusinessTypeCode; name: string; licenceDigit: '1' | '2' | '3' }[] = [
  { code: 'CATERING_LARGE', name: '餐饮服务-大型餐馆', licenceDigit: '2' },
  { code: 'CATERING_SMALL', name: '餐饮服务-中小餐馆', licenceDigit: '2' },
  { code: 'CATERING_SNACK', name: '餐饮服务-小吃店', licenceDigit: '2' },
  { code: 'CATERING_FAST', name: '餐饮服务-快餐店', licenceDigit: '2' },
  { code: 'CATERING_DRINK', name: '餐饮服务-饮品店', licenceDigit: '2' },
  { code: 'CANTEEN', name: '单位食堂-学校/单位食堂', licenceDigit: '3' },
  { code: 'RETAIL_SUPERMARKET', name: '食品销售-超市', licenceDigit: '1' },
  { code: 'RETAIL_CONVENIENCE', name: '食品销售-便利店', licenceDigit: '1' },
  { code: 'RETAIL_MARKET_STALL', name: '食品销售-农贸市场摊位', licenceDigit: '1' },
  { code: 'PRODUCTION_WORKSHOP', name: '食品生产-小作坊', licenceDigit: '1' },
];

const LARGE_BRANDS = ['福满', '聚贤', '望江', '金穗', '同和', '鸿运', '荷塘', '悦来', '喜临门', '湖畔', '江南', '锦绣', '青岚', '状元', '五福', '天香'];
const LARGE_HALLS = ['楼', '阁', '轩', '苑', '居', '府'];
const LARGE_KINDS = ['酒家', '大酒店', '酒楼', '饭庄', '宴会厅'];
const CUISINES = ['湘', '川', '粤', '徽', '东北', '西北', '江南', '农家', '客家', '本帮'];
const SMALL_KINDS = ['家常菜馆', '菜馆', '饭店', '土菜馆', '面馆', '私房菜'];
const SNACK_KINDS = ['小吃店', '馄饨店', '包子铺', '生煎店', '米粉店', '煎饼铺', '拌面店', '麻辣烫', '烧饼铺', '锅贴店'];
const SNACK_PLACES = ['老街', '巷口', '桥头', '街角', '弄堂'];
const FAST_BRANDS = ['味多多', '好食光', '一品', '鲜味', '乐享', '速味', '食尚', '家常味', '饭当家', '小碗'];
const FAST_KINDS = ['快餐店', '中式快餐', '简餐', '盒饭店', '便当'];
const DRINK_BRANDS = ['茶语', '柠檬时光', '清茶坊', '一杯鲜', '甜蜜蜜', '半糖', '果然鲜', '慢时光', '山茶', '白鹭'];
const DRINK_KINDS = ['茶饮', '奶茶店', '咖啡馆', '果汁吧', '茶铺'];
const SCHOOLS = ['实验小学', '中心小学', '第一中学', '第二中学', '外国语学校', '中心幼儿园', '职业技术学校'];
const UNITS = ['人民医院', '中医院', '养老院', '机关', '科技有限公司', '电子有限公司', '物流有限公司', '建设集团'];
const MART_BRANDS = ['万家福', '惠民', '百姓', '家家乐', '鑫隆', '优选', '金桥', '和美', '丰盈', '邻里'];
const MART_KINDS = ['超市', '生活超市', '购物中心', '生鲜超市'];
const SHOP_BRANDS = ['佳佳', '邻家', '便民', '乐邻', '快客多', '小桔', '好邻居', '日日鲜', '安心', '悦家'];
const STALL_GOODS = ['蔬菜', '水产', '鲜肉', '禽蛋', '豆制品', '干货', '熟食', '水果'];
const STALL_PREFIXES = ['老', '小', '阿'];
const WORKSHOP_KINDS = ['豆腐坊', '糕点坊', '手工面坊', '酱菜坊', '米酒坊', '年糕坊', '卤味坊'];

export type NamingPlace = { streetShort: string; communityShort: string; market: string };

/** A plausible shop name for the type, e.g. 「李记小吃店」「福满楼酒家」「佳佳便利店」. */
export function shopName(rng: Rng, type: BusinessTypeCode, place: NamingPlace): string {
  const surname = rng.pick(SURNAMES);
  switch (type) {
    case 'CATERING_LARGE':
      return rng.pick(LARGE_BRANDS) + rng.pick(LARGE_HALLS) + rng.pick(LARGE_KINDS);
    case 'CATERING_SMALL':
      return rng.chance(0.6)
        ? `${surname}记${rng.pick(SMALL_KINDS)}`
        : `${rng.pick(CUISINES)}${rng.pick(['风味', '人家', '味道'])}${rng.pick(['菜馆', '饭店'])}`;
    case 'CATERING_SNACK':
      return rng.chance(0.7) ? `${surname}记${rng.pick(SNACK_KINDS)}` : `${rng.pick(SNACK_PLACES)}${surname}家${rng.pick(SNACK_KINDS)}`;
    case 'CATERING_FAST':
      return rng.pick(FAST_BRANDS) + rng.pick(FAST_KINDS);
    case 'CATERING_DRINK':
      return rng.pick(DRINK_BRANDS) + rng.pick(DRINK_KINDS);
    case 'CANTEEN':
      return rng.chance(0.55)
        ? `${DISTRICT_NAME}${place.streetShort}${rng.pick(SCHOOLS)}食堂`
        : `${place.communityShort}${rng.pick(UNITS)}${rng.pick(['职工食堂', '食堂'])}`;
    case 'RETAIL_SUPERMARKET':
      return rng.pick(MART_BRANDS) + rng.pick(MART_KINDS);
    case 'RETAIL_CONVENIENCE':
      return rng.chance(0.75) ? `${rng.pick(SHOP_BRANDS)}便利店` : `${surname}记便利店`;
    case 'RETAIL_MARKET_STALL':
      return `${place.market}${rng.pick(STALL_PREFIXES)}${surname}${rng.pick(STALL_GOODS)}摊`;
    case 'PRODUCTION_WORKSHOP':
      return `${surname}记${rng.pick(WORKSHOP_KINDS)}`;
    default:
      return assertUnreachable(type);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected business type ${String(value)}`);
}

export const CITY_TITLES = ['副市长', '市人民政府副秘书长', '市市场监督管理局局长', '市食品安全委员会办公室主任'];
export const DISTRICT_TITLES = [
  '副区长',
  '区长',
  '常务副区长',
  '区委常委、副区长',
  '区人大常委会副主任',
  '区政协副主席',
  '区市场监督管理局局长',
  '区市场监督管理局副局长',
  '区食品安全委员会办公室主任',
  '区卫生健康局局长',
  '区教育局局长',
  '区商务局局长',
  '区农业农村局局长',
  '区公安分局副局长',
  '区综合行政执法局局长',
  '区文化和旅游局局长',
  '区城市管理局局长',
];
export const STREET_TITLES = ['党工委书记', '办事处主任', '党工委副书记'];
export const COMMUNITY_TITLES = ['党委书记', '居委会主任', '党委副书记', '食品安全协管员'];
