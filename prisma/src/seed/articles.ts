// 宣传 articles of the fictional 青岚区: every business, person and event is made up. Bodies are written in the
// sanitiser's allow-list already (h2/h3, p, ul/ol, strong, blockquote), so a re-save leaves them unchanged.
import type { ArticleCategory, ArticleStatus } from '../generated/enums';
import type { Prisma } from '../generated/client';
import type { PublicDemoRefs } from './public-demo';
import { DEMO_DISTRICT_CODE, DEMO_USERNAMES } from './demo-district';

export type DemoArticle = {
  title: string;
  summary: string;
  category: ArticleCategory;
  status: ArticleStatus;
  /** Asia/Shanghai time of first publication; null for a draft */
  publishedAt: string | null;
  withdrawnAt?: string;
  viewCount: number;
  /** 1-based office number for an office's own notice (城东 1, 城西 2, 湖滨 3); the bureau otherwise */
  office?: 1 | 2 | 3;
  bodyHtml: string;
};

const FICTIONAL = '<p>（本文为演示数据，所涉单位及人员均为虚构。）</p>';

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    title: '关于开通“食安共治”投诉举报平台的公告',
    summary: '群众可通过微信小程序或网页随手拍、查进度、评处理，匿名举报同样受理。',
    category: 'NOTICE',
    status: 'PUBLISHED',
    publishedAt: '2026-01-08T09:00:00+08:00',
    viewCount: 2318,
    bodyHtml:
      '<p>为畅通群众参与食品安全社会共治的渠道，青岚区食品安全委员会办公室自即日起开通“食安共治”投诉举报平台。</p>' +
      '<h2>一、可以反映哪些问题</h2><ul><li>餐饮单位后厨卫生差、生熟不分；</li><li>销售过期、变质或来源不明的食品；</li><li>无证经营、从业人员无健康证；</li><li>消费纠纷（投诉）和涉嫌违法行为线索（举报）。</li></ul>' +
      '<h2>二、怎样反映</h2><ol><li>打开微信小程序或网页版，点击“随手拍”；</li><li>选择商户或在地图上标注位置，描述问题并上传照片；</li><li>提交后凭受理编号和查询码查询办理进度。</li></ol>' +
      '<h2>三、办理时限</h2><p>投诉自收到之日起 <strong>7 个工作日</strong>内决定是否受理；举报自收到之日起 <strong>15 个工作日</strong>内完成核查。实名举报人将在立案与否决定作出后 5 个工作日内收到告知。</p>' +
      '<p>举报人信息严格保密。欢迎广大群众监督，共同守护“舌尖上的安全”。</p>',
  },
  {
    title: '青岚区召开2026年食品安全工作会议',
    summary: '会议部署食品安全示范城市创建、“两个责任”落实和群众满意度提升三项重点任务。',
    category: 'WORK_NEWS',
    status: 'PUBLISHED',
    publishedAt: '2026-02-26T15:30:00+08:00',
    viewCount: 864,
    bodyHtml:
      '<p>2月26日，青岚区召开2026年食品安全工作会议，总结上一年工作，部署全年任务。区食安委各成员单位、各街道和三个市场监管所负责同志参加会议。</p>' +
      '<h2>去年工作回顾</h2><p>全区共完成食品监督抽检 <strong>2180 批次</strong>，每千人抽检量超过 4 批次；处理投诉举报 1436 件，按时办结率 96.8%。</p>' +
      '<h2>今年重点任务</h2><ol><li>巩固食品安全示范城市创建成果，公众满意度力争达到 80% 以上；</li><li>压实“两个责任”，1964 家 B、C、D 级经营主体全部明确包保干部；</li><li>案件查办率、处罚信息公开率均保持 100%。</li></ol>' +
      '<blockquote><p>食品安全是“管”出来的，也是“督”出来的，更是群众“评”出来的。</p></blockquote>' +
      '<p>会议要求，各单位要把群众反映的问题作为工作的第一信号，做到件件有回音、事事有着落。</p>',
  },
  {
    title: '认准食品标签，读懂保质期',
    summary: '生产日期、保质期、贮存条件和配料表，买食品前先看这四项。',
    category: 'SCIENCE',
    status: 'PUBLISHED',
    publishedAt: '2026-03-15T10:00:00+08:00',
    viewCount: 1502,
    bodyHtml:
      '<p>3月15日是国际消费者权益日。选购预包装食品时，食品标签就是它的“身份证”。</p>' +
      '<h2>一看生产日期和保质期</h2><p>保质期是指在标签标明的贮存条件下保持品质的期限。<strong>超过保质期的食品不得销售。</strong>临近保质期的打折食品可以购买，但应尽快食用。</p>' +
      '<h2>二看贮存条件</h2><p>标注“冷藏”“冷冻”的食品，如果在常温货架上销售，即使在保质期内也可能已经变质。</p>' +
      '<h2>三看配料表</h2><p>配料按加入量从多到少排列。对花生、牛奶、鸡蛋等过敏的人群，请特别留意致敏物质提示。</p>' +
      '<h2>四看生产者信息</h2><ul><li>生产者名称、地址和联系方式；</li><li>食品生产许可证编号（SC 开头）。</li></ul>' +
      '<p>发现标签不全、涂改日期等情况，可通过“随手拍”举报。</p>',
  },
  {
    title: '示范街区巡礼：和平街',
    summary: '和平街 42 家餐饮商户全部实现“明厨亮灶”，成为全区首条食品安全示范街。',
    category: 'MODEL_STREET',
    status: 'PUBLISHED',
    publishedAt: '2026-03-28T11:00:00+08:00',
    viewCount: 1197,
    bodyHtml:
      '<p>和平街位于东湖街道，长约六百米，集中了小吃、快餐和特色餐馆 42 家，是青岚区历史最久的美食街。</p>' +
      '<h2>明厨亮灶全覆盖</h2><p>街区内所有商户后厨安装了透明玻璃或视频监控，顾客在店内和手机上都能看到操作过程。</p>' +
      '<h2>“六有六无”上墙</h2><p>每家店门口公示食品安全员、包保干部姓名和监督电话，对照“六有”（制度、食品安全员、三防设施、台账、记录、培训材料）和“六无”逐项自查。</p>' +
      '<h2>共建共管</h2><ul><li>街区成立商户自律小组，每月轮值检查；</li><li>社会监督员每周巡查一次；</li><li>城东市场监管所每季度开展一次全面检查。</li></ul>' +
      '<p>欢迎市民到和平街品尝美食，也欢迎通过“食安共治”平台对街区商户进行监督评价。</p>',
  },
  {
    title: '城东市场监管所关于开展餐饮单位后厨自查的通知',
    summary: '辖区餐饮单位请于4月30日前完成后厨卫生、三防设施和从业人员健康证自查。',
    category: 'NOTICE',
    status: 'PUBLISHED',
    publishedAt: '2026-04-07T09:30:00+08:00',
    viewCount: 412,
    office: 1,
    bodyHtml:
      '<p>辖区各餐饮服务单位：</p>' +
      '<p>为做好春季食品安全工作，城东市场监管所决定在东湖、观澜、柳岸三个街道开展餐饮单位后厨自查。</p>' +
      '<h2>自查内容</h2><ol><li>后厨地面、墙面、操作台清洁，食品不直接接触地面；</li><li>防鼠、防蝇、防尘设施完好；</li><li>从业人员健康证在有效期内，操作时佩戴口罩、发帽，不戴首饰；</li><li>进货查验和索证索票台账齐全。</li></ol>' +
      '<h2>时间安排</h2><p>请于 <strong>2026年4月30日前</strong>完成自查，并将自查表交所在社区包保干部。5月起我所将组织抽查，对自查不到位的单位依法处理。</p>' +
      '<p>咨询请拨打本所办公电话（见首页“监管所”一栏）。</p><p>城东市场监管所<br />2026年4月7日</p>',
  },
  {
    title: '曝光台：观澜街道一餐馆使用超过保质期食材被查处',
    summary: '执法人员在后厨冷库发现超过保质期的冷冻肉制品 12.5 公斤，已依法立案。',
    category: 'EXPOSURE',
    status: 'PUBLISHED',
    publishedAt: '2026-04-22T16:00:00+08:00',
    viewCount: 1876,
    bodyHtml:
      '<p>4月15日，城东市场监管所根据群众举报，对观澜街道“味满楼小厨”（虚构名称）进行检查。</p>' +
      '<h2>查明的问题</h2><ul><li>冷库内存放超过保质期的冷冻肉制品 12.5 公斤；</li><li>两名从业人员健康证已过期；</li><li>进货台账记录不全。</li></ul>' +
      '<h2>处理结果</h2><p>执法人员当场扣押了过期食材，责令立即整改。该店涉嫌经营超过保质期的食品原料，违反《中华人民共和国食品安全法》第三十四条规定，我所已依法立案调查，处罚决定将依法公示。</p>' +
      '<p>提醒广大经营者：<strong>过期原料一律不得使用</strong>，应当及时清理并做好记录。</p>' +
      FICTIONAL,
  },
  {
    title: '社会监督员风采：退休教师周兰芳的“巡店笔记”',
    summary: '三年来她记满了五本巡店笔记，推动整改问题 86 个。',
    category: 'VOLUNTEER',
    status: 'PUBLISHED',
    publishedAt: '2026-04-30T10:30:00+08:00',
    viewCount: 653,
    bodyHtml:
      '<p>周兰芳（化名）是青岚区 117 名社会监督员之一。退休前她是一名中学化学教师，2023年成为食品安全社会监督员。</p>' +
      '<h2>五本笔记，86 个问题</h2><p>每周二和周五上午，她都会沿着固定路线走访学校周边的小店和早餐点，把看到的问题记在本子上。三年来，她记满了五本笔记，反映的 86 个问题全部得到整改。</p>' +
      '<h2>“监督不是找茬”</h2><blockquote><p>我去店里不是为了罚谁，是想让孩子们吃得放心。商户改好了，我比谁都高兴。</p></blockquote>' +
      '<p>如今她用上了“食安共治”小程序，拍照、定位、提交一气呵成，还能随时看到问题处理到了哪一步。</p>' +
      FICTIONAL,
  },
  {
    title: '区食安办开展“两个责任”包保督导工作',
    summary: '各级包保干部每季度至少督导一次所包保的经营主体，督导情况纳入年度考核。',
    category: 'WORK_NEWS',
    status: 'PUBLISHED',
    publishedAt: '2026-05-12T14:00:00+08:00',
    viewCount: 538,
    bodyHtml:
      '<p>5月以来，区食安办组织各级包保干部对所包保的经营主体开展第二季度督导。</p>' +
      '<h2>督导方式</h2><ul><li>实地督导：到店查看后厨和台账；</li><li>集中督导：召集同一社区商户集中培训；</li><li>书面或视频督导：适用于偏远或微小经营主体。</li></ul>' +
      '<h2>督导重点</h2><p>对照“日管控、周排查、月调度”要求，检查食品安全员是否到位、三项记录是否齐全、承诺书是否在包保关系变更后重新签订。</p>' +
      '<p>截至5月底，全区 17 名区级、3 名街道级和 145 名社区级包保干部已完成督导 1288 户次，发现问题 213 个，现场整改 176 个，其余限期整改。</p>',
  },
  {
    title: '野生蘑菇不采、不买、不吃',
    summary: '毒蘑菇与可食用蘑菇外观相似，民间“土办法”无法鉴别，误食可危及生命。',
    category: 'SCIENCE',
    status: 'PUBLISHED',
    publishedAt: '2026-05-28T09:00:00+08:00',
    viewCount: 977,
    bodyHtml:
      '<p>每年5月至10月是野生蘑菇生长旺季，也是误食毒蘑菇中毒的高发期。</p>' +
      '<h2>这些说法都不可靠</h2><ul><li>“颜色鲜艳的有毒，颜色普通的无毒”；</li><li>“和大蒜、银器一起煮不变黑就没毒”；</li><li>“虫子咬过的蘑菇人也能吃”。</li></ul>' +
      '<h2>误食后怎么办</h2><ol><li>立即拨打 120，尽快就医；</li><li>保留剩余蘑菇样品，便于医生判断；</li><li>同餐者即使暂无症状也应一同就医观察。</li></ol>' +
      '<p><strong>最好的预防办法就是不采摘、不购买、不食用野生蘑菇。</strong>餐饮单位不得采购和加工野生蘑菇。</p>',
  },
  {
    title: '湖滨市场监管所关于夜市摊点食品安全管理的通知',
    summary: '湖滨、新港街道夜市摊点须亮证经营、生熟分开，并配备有盖垃圾桶。',
    category: 'NOTICE',
    status: 'PUBLISHED',
    publishedAt: '2026-06-03T17:00:00+08:00',
    viewCount: 355,
    office: 3,
    bodyHtml:
      '<p>入夏以来，湖滨、新港街道夜市客流增大。为保障夜间消费食品安全，现就有关事项通知如下：</p>' +
      '<h2>经营要求</h2><ol><li>摊点须在醒目位置公示登记证和从业人员健康证；</li><li>生熟食品分开存放，冷荤类食品须冷藏；</li><li>使用一次性餐具或经消毒的餐具；</li><li>每个摊点配备有盖垃圾桶，收摊后清理现场。</li></ol>' +
      '<p>我所将联合街道开展夜间巡查，对不符合要求的摊点责令整改，拒不整改的依法处理。</p>' +
      '<p>湖滨市场监管所<br />2026年6月3日</p>',
  },
  {
    title: '夏季预防细菌性食物中毒',
    summary: '高温高湿天气细菌繁殖快，牢记“生熟分开、烧熟煮透、及时冷藏”。',
    category: 'SCIENCE',
    status: 'PUBLISHED',
    publishedAt: '2026-06-18T10:00:00+08:00',
    viewCount: 2045,
    bodyHtml:
      '<p>夏季气温高，沙门氏菌、副溶血性弧菌、金黄色葡萄球菌等致病菌在食物中繁殖很快，是细菌性食物中毒的高发季节。</p>' +
      '<h2>常见症状</h2><p>多在进食后数小时至一两天内出现恶心、呕吐、腹痛、腹泻，部分人伴有发热。</p>' +
      '<h2>五个要点</h2><ol><li><strong>保持清洁</strong>：饭前便后洗手，砧板、刀具生熟分开；</li><li><strong>生熟分开</strong>：生肉、海鲜与即食食品分开存放；</li><li><strong>烧熟煮透</strong>：肉类、蛋类、海鲜要彻底加热；</li><li><strong>安全温度</strong>：熟食在室温下存放不超过 2 小时；</li><li><strong>安全原料</strong>：不吃来源不明、变质的食品。</li></ol>' +
      '<h3>特别提醒</h3><p>凉拌菜、卤味、裱花蛋糕是夏季高风险食品，请现做现吃。出现疑似食物中毒症状应及时就医，并可向市场监管部门反映。</p>',
  },
  {
    title: '青岚区完成上半年食品安全监督抽检',
    summary: '上半年抽检食品 1126 批次，合格率 97.9%，不合格产品已全部依法处置。',
    category: 'WORK_NEWS',
    status: 'PUBLISHED',
    publishedAt: '2026-07-08T15:00:00+08:00',
    viewCount: 489,
    bodyHtml:
      '<p>今年上半年，青岚区共完成食品安全监督抽检 <strong>1126 批次</strong>，检出不合格样品 24 批次，合格率 97.9%。</p>' +
      '<h2>抽检覆盖</h2><ul><li>粮食加工品、食用油、肉制品、蔬菜水果等 28 大类；</li><li>农贸市场、超市、餐饮单位和学校食堂；</li><li>群众“点单”推荐的抽检品种 63 批次。</li></ul>' +
      '<h2>不合格产品处置</h2><p>对抽检不合格的食品，三个市场监管所已督促经营者下架召回，依法立案查处，并在规定时限内公示处罚信息。</p>' +
      '<p>下半年，我区将继续围绕节令食品、网红食品开展专项抽检。</p>',
  },
  {
    title: '示范街区巡礼：春光巷',
    summary: '春光巷把老城早餐一条街改造成了“放心早餐示范巷”。',
    category: 'MODEL_STREET',
    status: 'PUBLISHED',
    publishedAt: '2026-07-20T10:00:00+08:00',
    viewCount: 742,
    bodyHtml:
      '<p>春光巷是西河街道的一条老巷，20 多家早餐店每天清晨为附近居民和学生供应豆浆、包子、馄饨。</p>' +
      '<h2>从“路边摊”到“放心巷”</h2><p>过去巷内摊点占道经营、油烟大。改造后，统一设置了排烟设施和洗手池，所有店铺完成“明厨亮灶”改造。</p>' +
      '<h2>早餐店的三件事</h2><ol><li>每天开门前完成“日管控”检查并记录；</li><li>豆浆煮沸后再保温，包子馅料当天用完；</li><li>食品安全员每周参加一次线上培训。</li></ol>' +
      '<p>巷口公示栏上，每家店的包保干部和监督电话一目了然。居民说：“现在吃早饭，心里踏实。”</p>',
  },
  {
    title: '曝光台：一食品店销售无中文标签进口食品被处罚',
    summary: '当事人销售无中文标签的进口饼干、糖果 37 件，被没收并处罚款。',
    category: 'EXPOSURE',
    status: 'PUBLISHED',
    publishedAt: '2026-08-12T16:30:00+08:00',
    viewCount: 1320,
    bodyHtml:
      '<p>城西市场监管所在日常检查中发现，青石街道“优品零食铺”（虚构名称）货架上销售的进口饼干、糖果共 37 件无中文标签。</p>' +
      '<h2>违法事实</h2><p>进口的预包装食品应当有中文标签。当事人不能提供上述食品的进口报关和检验检疫证明，违反了《中华人民共和国食品安全法》第九十七条的规定。</p>' +
      '<h2>处罚结果</h2><ul><li>没收违法销售的食品；</li><li>没收违法所得并处罚款。</li></ul>' +
      '<p>提醒消费者：购买进口食品时请认准中文标签，索要购物凭证。</p>' +
      FICTIONAL,
  },
  {
    title: '城西市场监管所关于校园周边食品经营单位集中整治的通知',
    summary: '新学期开学前，集中整治学校周边 200 米内的食品经营单位。',
    category: 'NOTICE',
    status: 'PUBLISHED',
    publishedAt: '2026-08-25T09:00:00+08:00',
    viewCount: 601,
    office: 2,
    bodyHtml:
      '<p>为保障新学期校园周边食品安全，城西市场监管所将于 8 月 26 日至 9 月 15 日，在西河、青石、桂苑街道开展学校周边食品经营单位集中整治。</p>' +
      '<h2>整治重点</h2><ul><li>销售“三无”食品、过期食品；</li><li>销售价格低廉、包装粗劣的“五毛食品”；</li><li>无证无照经营和流动摊贩。</li></ul>' +
      '<h2>工作要求</h2><p>请各经营单位对照整治重点开展自查自纠。整治期间发现的问题将依法从严处理，并通报学校和家长委员会。</p>' +
      '<p>城西市场监管所<br />2026年8月25日</p>',
  },
  {
    title: '志愿者走进社区：食品安全知识进万家',
    summary: '社会监督员和青年志愿者在 40 个社区开展宣传，发放宣传册一万余份。',
    category: 'VOLUNTEER',
    status: 'PUBLISHED',
    publishedAt: '2026-09-05T11:00:00+08:00',
    viewCount: 418,
    bodyHtml:
      '<p>8月以来，青岚区社会监督员与区青年志愿者协会联合开展“食品安全知识进万家”活动。</p>' +
      '<h2>活动内容</h2><ul><li>在 40 个社区设立咨询点，现场讲解食品标签识读；</li><li>为老年人演示如何用手机“随手拍”反映问题；</li><li>向家长宣传校园周边食品安全知识。</li></ul>' +
      '<p>活动共发放宣传册一万余份，现场解答群众咨询 1600 余人次。不少老人第一次学会了用手机查询举报处理进度。</p>' +
      FICTIONAL,
  },
  {
    title: '中秋国庆节前开展食品安全专项检查',
    summary: '重点检查月饼生产销售、农贸市场和旅游景点周边餐饮。',
    category: 'WORK_NEWS',
    status: 'PUBLISHED',
    publishedAt: '2026-09-22T14:30:00+08:00',
    viewCount: 377,
    bodyHtml:
      '<p>中秋、国庆“双节”临近，区市场监管局组织三个市场监管所开展节前食品安全专项检查。</p>' +
      '<h2>检查重点</h2><ol><li>月饼生产企业和销售网点：原料把关、标签标识、过度包装；</li><li>农贸市场：肉类检疫证明、水产品药物残留快检；</li><li>景区周边和大型餐饮单位：后厨卫生和集体聚餐管理。</li></ol>' +
      '<p>检查期间共出动执法人员 326 人次，检查经营主体 892 户次，责令整改问题 57 个。节日期间投诉举报渠道 24 小时畅通。</p>',
  },
  {
    title: '隔夜菜能不能吃？冰箱储存有讲究',
    summary: '剩菜及时冷藏、彻底加热，叶菜类最好不隔夜。',
    category: 'SCIENCE',
    status: 'PUBLISHED',
    publishedAt: '2026-10-16T10:00:00+08:00',
    viewCount: 1133,
    bodyHtml:
      '<p>“隔夜菜致癌”的说法流传很广。其实关键在于储存方法和存放时间。</p>' +
      '<h2>剩菜怎么存</h2><ul><li>饭后尽快放入冰箱冷藏，室温放置不超过 2 小时；</li><li>用干净的有盖容器分装，生熟分开；</li><li>冰箱冷藏室温度保持在 0 至 4 摄氏度。</li></ul>' +
      '<h2>剩菜怎么吃</h2><p>食用前应彻底加热至中心温度 70 摄氏度以上。绿叶蔬菜最好现做现吃；海鲜、凉拌菜不建议隔夜。</p>' +
      '<h3>冰箱不是保险箱</h3><p>冰箱只能减缓细菌繁殖，不能杀灭细菌。定期清洁冰箱，避免食物长期堆放。</p>',
  },
  {
    title: '示范街区巡礼：太阳市场',
    summary: '太阳市场建成快检室并每日公示检测结果，成为放心农贸市场。',
    category: 'MODEL_STREET',
    status: 'PUBLISHED',
    publishedAt: '2026-10-28T10:30:00+08:00',
    viewCount: 905,
    bodyHtml:
      '<p>太阳市场位于湖滨街道，有摊位 186 个，是青岚区规模最大的综合农贸市场。</p>' +
      '<h2>快检室每日开门</h2><p>市场设立食品快检室，每天对蔬菜农药残留、水产品禁用药物等开展快速检测，结果在入口电子屏实时公示。</p>' +
      '<h2>一摊一码</h2><p>每个摊位张贴二维码，扫码可查看经营者信息、进货来源和近期检测结果，也可以直接对摊位进行评价和反映问题。</p>' +
      '<h2>市场自律</h2><ul><li>市场开办者配备专职食品安全管理员 3 名；</li><li>肉类、水产品实行进货查验和台账管理；</li><li>不合格产品当场下架，登记销毁。</li></ul>',
  },
  {
    title: '曝光台：一饮品店使用过期原料被立案调查',
    summary: '执法人员在操作间发现超过保质期的奶精、果酱等原料 6 件。',
    category: 'EXPOSURE',
    status: 'PUBLISHED',
    publishedAt: '2026-11-05T15:00:00+08:00',
    viewCount: 764,
    bodyHtml:
      '<p>11月初，湖滨市场监管所根据“食安共治”平台收到的举报，对新港街道“甜蜜时光饮品”（虚构名称）开展检查。</p>' +
      '<h2>发现的问题</h2><ul><li>操作间存放超过保质期的奶精、果酱等原料 6 件；</li><li>原料开封后未标注开封时间；</li><li>员工操作时未佩戴发帽。</li></ul>' +
      '<p>执法人员当场责令清理过期原料并立案调查。举报人已在立案决定后收到告知。</p>' +
      FICTIONAL,
  },
  {
    title: '社会监督员风采：家长监督员守护校园餐',
    summary: '12 名家长监督员轮流陪餐、查看食堂后厨，推动食堂改进 31 项。',
    category: 'VOLUNTEER',
    status: 'PUBLISHED',
    publishedAt: '2026-11-18T10:00:00+08:00',
    viewCount: 296,
    bodyHtml:
      '<p>桂苑街道一所小学的 12 名家长社会监督员，每周轮流到学校食堂陪餐，查看后厨和进货台账。</p>' +
      '<h2>从陪餐到改进</h2><p>一个学期下来，家长们提出了 31 条建议：增加蔬菜品种、调整菜品口味、改进餐具消毒流程……学校和食堂承包单位逐条落实。</p>' +
      '<blockquote><p>孩子吃得好不好，家长最上心。我们看到的问题，都能很快得到回应。</p></blockquote>' +
      '<p>区市场监管局将总结推广这一做法，鼓励更多学校邀请家长参与校园食品安全监督。</p>' +
      FICTIONAL,
  },
  {
    title: '关于2027年元旦春节期间食品安全工作的通知（草稿）',
    summary: '节日期间食品安全保障安排，待审定后发布。',
    category: 'NOTICE',
    status: 'DRAFT',
    publishedAt: null,
    viewCount: 0,
    bodyHtml: '<p>各市场监管所、各街道：</p><p>为做好2027年元旦、春节期间食品安全保障工作，现将有关事项通知如下。</p><h2>一、重点任务</h2><ul><li>（待补充）</li></ul>',
  },
  {
    title: '关于暂停部分摊位经营的通知',
    summary: '因信息有误已撤回。',
    category: 'WORK_NEWS',
    status: 'WITHDRAWN',
    publishedAt: '2026-10-09T09:00:00+08:00',
    withdrawnAt: '2026-10-09T15:20:00+08:00',
    viewCount: 58,
    bodyHtml: '<p>因市场改造，太阳市场部分摊位自10月10日起暂停经营。</p><p>（此通知因日期有误已撤回。）</p>',
  },
];

/** The demo district's articles: about 20 published across the six categories, one draft and one withdrawn. */
export async function writeDemoArticles(tx: Prisma.TransactionClient, refs: PublicDemoRefs): Promise<void> {
  const officeId = (n: 1 | 2 | 3) => need(refs.offices.get(`${DEMO_DISTRICT_CODE}-O${n}`), `office ${n}`);
  const author = (a: DemoArticle) =>
    need(refs.users.get(a.office ? (DEMO_USERNAMES.offices[a.office - 1] as string) : DEMO_USERNAMES.admin), 'article author');
  await tx.article.createMany({
    data: DEMO_ARTICLES.map((a) => {
      const publishedAt = a.publishedAt ? new Date(a.publishedAt) : null;
      return {
        title: a.title,
        summary: a.summary,
        category: a.category,
        status: a.status,
        bodyHtml: a.bodyHtml,
        publishedAt,
        withdrawnAt: a.withdrawnAt ? new Date(a.withdrawnAt) : null,
        viewCount: a.viewCount,
        officeId: a.office ? officeId(a.office) : null,
        authorUserId: author(a),
        createdAt: publishedAt ?? new Date('2026-11-28T09:00:00+08:00'),
        updatedAt: a.withdrawnAt ? new Date(a.withdrawnAt) : (publishedAt ?? new Date('2026-11-28T09:00:00+08:00')),
      };
    }),
  });
}

function need<V>(value: V | undefined, what: string): V {
  if (value === undefined) throw new Error(`demo seed: unknown ${what}`);
  return value;
}
