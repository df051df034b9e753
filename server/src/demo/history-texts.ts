// The words of the demo history: what residents wrote, what the offices replied, what was said on callbacks.
import type { ComplaintCategory, ComplaintOutcome } from '@sa/contracts';

/** What residents write, by category; `{b}` is the business or the place. */
export const DESCRIPTIONS: Record<ComplaintCategory, readonly string[]> = {
  UNLICENSED: [
    '{b}店里没有挂食品经营许可证，问店员也说不清楚，怀疑无证经营。',
    '{b}最近新开张，门口卖熟食，没看到任何证照。',
    '{b}在网上接外卖单，但店里找不到许可证。',
  ],
  EXPIRED_FOOD: [
    '在{b}买的酸奶回家发现已经过期三天了，小票还在。',
    '{b}货架上有好几包饼干超过保质期，还在正常售卖。',
    '在{b}吃饭，凉菜有馊味，怀疑用了隔夜变质的食材。',
    '{b}卖的面包发霉了，生产日期标签被撕掉了。',
  ],
  POOR_HYGIENE: [
    '{b}后厨地面全是油污，垃圾桶没有盖子，苍蝇很多。',
    '路过{b}看到员工不戴帽子口罩直接处理熟食。',
    '{b}门口的排水沟堵了，污水流到了操作间旁边。',
    '在{b}吃饭时发现菜里有头发，后厨看起来很脏。',
  ],
  ILLEGAL_ADDITIVES: [
    '{b}卖的卤肉颜色特别鲜艳，怀疑加了色素或者亚硝酸盐超标。',
    '{b}的馒头特别白，怀疑使用了增白剂。',
    '{b}做的火锅底料有一股很重的香精味，吃完嘴麻，怀疑添加罂粟壳。',
  ],
  FALSE_ADVERTISING: [
    '{b}宣传自家蜂蜜能治糖尿病，老人买了很多。',
    '{b}门口写着“纯手工现做”，其实是买的冷冻半成品。',
    '{b}推销保健食品说能降血压，可以代替药物。',
  ],
  DIRTY_TABLEWARE: [
    '{b}的碗筷洗完没有消毒，碗底还有油渍和饭粒。',
    '在{b}吃饭，一次性餐具的包装是破的，杯子上有口红印。',
    '{b}的消毒柜一直没通电，餐具直接从水池里拿出来用。',
  ],
  BANNED_WILD_AQUATIC: [
    '{b}在卖长江刀鱼，说是野生的，现在不是禁捕了吗？',
    '{b}菜单上有野生江鲜，老板说是刚从江里捕的。',
  ],
  PRICE: [
    '{b}菜单上的价格和结账时不一样，多收了二十多块。',
    '{b}的商品没有明码标价，结账时随口报价。',
  ],
  OTHER: [
    '{b}的预包装食品没有中文标签，不知道是哪里生产的。',
    '{b}的员工好像没有健康证，有人一直在咳嗽还在包饺子。',
    '在{b}购买的大米里有很多虫子，找店家不给退换。',
    '{b}卖的猪肉没有检疫章，价格比别家便宜很多。',
  ],
};

/** Where a report without a registered business happened. */
export const PLACE_ONLY = ['路口的流动早餐摊', '菜市场门口的熟食摊', '小区门口的烧烤摊', '夜市里的小吃摊', '公园旁边的流动水果摊'] as const;

/** Replies on resolution, by outcome. */
export const REPLIES: Record<ComplaintOutcome, readonly string[]> = {
  FIXED: [
    '经现场检查，反映的问题属实，已责令经营者立即整改，整改情况已复查，感谢您的监督。',
    '执法人员已到现场核查，经营者已下架相关食品并完成整改，我所将加强日常巡查。',
    '经调解，经营者已向您道歉并退还货款，相关问题已整改到位。',
  ],
  NOT_FIXED: ['经多次调解，双方未能达成一致，已终止调解，您可依法向人民法院提起诉讼。'],
  NO_VIOLATION: [
    '经现场检查，未发现您反映的违法行为，经营者证照齐全、台账规范。我所将继续关注。',
    '执法人员两次到场核查，未发现所述问题，已提醒经营者规范经营。',
  ],
  DUPLICATE: ['您反映的问题与此前已受理的事项相同，已并入原事项一并办理，办理结果将一并告知。'],
  NOT_OUR_REMIT: ['经核查，您反映的问题不属于市场监管部门职责，已告知您向有关主管部门反映。'],
};

export const TRANSFER_REPLY = '您反映的问题属于价格主管部门职责，已转办至区发展和改革局，请留意其答复。';
export const REJECT_REPLY = '经审查，您的投诉不符合受理条件，具体理由见告知内容。如有新的材料，可重新提交。';
export const MEDIATION_FAILED_REASONS = ['双方对赔偿金额分歧较大', '被投诉人拒绝调解', '投诉人不接受调解方案'] as const;
export const NOTIFY_REPLIES = ['已电话告知举报人案件受理及立案情况。', '已告知举报人核查结果及依据。'] as const;
export const REOPEN_REASONS = ['问题没有解决，店里还是老样子。', '答复说已整改，但我昨天去看还是一样。', '对处理结果不满意，经营者没有退款。'] as const;
export const EXTEND_VERIFY_REASON = '需等待检验机构出具检验报告，经批准延长核查期限';
export const EXTEND_CASE_REASON = '案情复杂，需补充调查取证，经负责人批准延长办案期限';

export const FOLLOW_UP_NOTES = {
  VISITED: ['已到店查看，经营者正在整改，后厨已清理。', '上门了解情况，店主表示会配合监管所处理。'],
  URGED: ['已电话督促经营者尽快整改并提交整改材料。', '提醒监管所该事项临近期限，请抓紧办理。'],
  NOTE: ['该店近期多次被投诉，已列入重点包保对象。', '与社区网格员沟通，持续关注该店经营情况。'],
} as const;

export const POSITIVE_TAGS = ['响应快', '处理彻底', '态度好', '沟通及时', '结果满意'] as const;
export const NEGATIVE_TAGS = ['未解决', '推诿', '响应慢', '态度差', '答复不清'] as const;
export const POSITIVE_COMMENTS = ['处理很及时，谢谢！', '工作人员很负责，问题解决了。', '回复很清楚，点赞。', '比预想的快，满意。'] as const;
export const NEGATIVE_COMMENTS = ['说是整改了，其实根本没变。', '等了很久才有人联系我。', '答复太笼统，没说清怎么处理的。', '店家还是照样卖，感觉没用。'] as const;
export const CALLBACK_SAID = [
  '举报人表示之前的答复太简单，希望说明处罚情况。',
  '举报人反映店家整改后又出现同样问题，希望再去查看。',
  '举报人认可回访，表示等复查结果后再评价。',
  '举报人表示对等待时间不满，已致歉并说明办理流程。',
] as const;
export const ACTION_TAKEN = [
  '已组织执法人员再次到店复查，责令经营者限期整改，并将复查结果电话告知举报人。',
  '已约谈经营者负责人，整改到位后拍照存档，向举报人详细说明了处理依据。',
  '已将该店列入重点检查对象，一个月内复查两次，复查结果已告知举报人。',
  '已向举报人补充说明处罚决定内容，并改进答复模板。',
] as const;

/** 抽检 products by 食品类别. */
export const SAMPLED_PRODUCTS: Record<string, readonly string[]> = {
  粮食加工品: ['大米', '小麦粉', '挂面'],
  '食用油、油脂及其制品': ['花生油', '菜籽油', '调和油'],
  调味品: ['酱油', '食醋', '辣椒酱'],
  肉制品: ['酱卤肉', '香肠', '腊肉'],
  乳制品: ['纯牛奶', '酸奶'],
  饮料: ['瓶装饮用水', '果汁饮料', '茶饮料'],
  糕点: ['月饼', '蛋糕', '面包'],
  豆制品: ['豆腐', '豆干', '腐竹'],
  蔬菜制品: ['酱腌菜', '泡菜'],
  餐饮食品: ['复用餐饮具', '自制凉菜', '油炸面制品', '自制饮品'],
  食用农产品: ['韭菜', '豇豆', '鸡蛋', '猪肉', '草鱼'],
};
export const FAILED_ITEMS: Record<string, readonly string[]> = {
  粮食加工品: ['镉（以 Cd 计）'],
  '食用油、油脂及其制品': ['酸价（KOH）', '苯并[a]芘'],
  调味品: ['苯甲酸及其钠盐'],
  肉制品: ['亚硝酸盐', '菌落总数'],
  乳制品: ['蛋白质'],
  饮料: ['铜绿假单胞菌'],
  糕点: ['霉菌', '脱氢乙酸及其钠盐'],
  豆制品: ['铝的残留量'],
  蔬菜制品: ['二氧化硫残留量'],
  餐饮食品: ['大肠菌群', '阴离子合成洗涤剂', '铝的残留量'],
  食用农产品: ['腐霉利', '噻虫胺', '恩诺沙星'],
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉海燕鹏飞宇欣怡浩然子涵梓轩佳琪思远晓东春梅雪松';

/** A plausible Chinese name from two draws. */
export function personName(a: number, b: number, c: number): string {
  const surname = SURNAMES[Math.floor(a * SURNAMES.length)]!;
  const first = GIVEN[Math.floor(b * GIVEN.length)]!;
  return c < 0.35 ? surname + first : surname + first + GIVEN[Math.floor(c * GIVEN.length)]!;
}
