// Shared pieces of the demo corpus: sources, authors, places and the small words people
// sprinkle over posts. All names are invented for the demo.

/** Every source the demo uses: language, kind (how posts there look) and a reach range. */
export const SOURCES = {
  'PTT MobileComm': { lang: 'zh-Hant', kind: 'ptt', reach: [60, 3500], path: 'ptt/MobileComm' },
  'PTT Gossiping': { lang: 'zh-Hant', kind: 'ptt', reach: [200, 12000], path: 'ptt/Gossiping' },
  'PTT Kaohsiung': { lang: 'zh-Hant', kind: 'ptt', reach: [40, 1800], path: 'ptt/Kaohsiung' },
  'Dcard 3C': { lang: 'zh-Hant', kind: 'dcard', reach: [80, 6000], path: 'dcard/f/3c/p' },
  'Threads (demo)': { lang: 'zh-Hant', kind: 'micro', reach: [30, 25000], path: 'threads/post' },
  '自由時報 (demo)': { lang: 'zh-Hant', kind: 'news', reach: [30000, 260000], path: 'ltn/news' },
  '聯合新聞網 (demo)': { lang: 'zh-Hant', kind: 'news', reach: [25000, 220000], path: 'udn/story' },
  '微博 (demo)': { lang: 'zh-Hans', kind: 'weibo', reach: [40, 60000], path: 'weibo/status' },
  '微信公众号 (demo)': { lang: 'zh-Hans', kind: 'news', reach: [3000, 90000], path: 'wechat/s' },
  'Reddit r/taiwan (demo)': { lang: 'en', kind: 'reddit', reach: [30, 9000], path: 'reddit/r/taiwan/comments' },
  'Taipei Times (demo)': { lang: 'en', kind: 'news', reach: [20000, 150000], path: 'taipeitimes/News' },
  'Hacker News (demo)': { lang: 'en', kind: 'hn', reach: [150, 30000], path: 'hn/item' },
};

/** Handles per source. Earlier names are picked more often (a few prolific posters). */
export const AUTHORS = {
  'PTT MobileComm': [
    'gogoro5566', 'kevin1031', 'sleepycat', 'ZXCVB777', 'Tiamat', 'dreamer42', 'chiayi0521', 'kuma1123',
    'yellowcat', 'Hsinchu_eng', 'cyclone09', 'ballpen', 'noodle0713', 'JerryKao', 'greentea', 'skyhigh5',
    'ericyang', 'haohaoX', 'pocky3', 'mrlin', 'airpod3', 'zeroday', 'oolong', 'tw1980s', 'shrimpsoup',
    'rainyday', 'ironman520', 'night0wl', 'wafflehouse', 'bluejay88', 'macaron', 'tofu1106',
    'lemontea77', 'kirin0402', 'pudding88', 'vinegar', 'jimmy1984', 'hahaha321', 'taro_milk', 'seafood99',
    'appleseed', 'bamboo17', 'chimney', 'deepsea0', 'engineer5', 'fishball', 'grapejuice',
  ],
  'PTT Gossiping': [
    'lovebasketball', 'a1234567', 'doraemon88', 'YellowBus', 'm9ttt', 'tainan_foodie', 'catwalk', 'fatdragon',
    'moonriver', 'gugugaga', 'pikachu99', 'Kaohsiung7', 'tsaiming', 'sunnyday77', 'chickenrice', 'bigbird',
    'frenchfries', 'hotpot520', 'kanpai', 'ramen0909', 'xiaoming', 'mosquito', 'orz1234', 'betelnut',
    'dumpling', 'ricecooker', 'sky0822', 'stinkytofu', 'weekend99', 'z8h8p8',
    'hamburg', 'icecream7', 'jellyfish', 'koala2000', 'lobster', 'mango1212', 'noodleking', 'omelette',
  ],
  'PTT Kaohsiung': [
    'Kaohsiung7', 'harborlight', 'zuoying168', 'fengshan_boy', 'lovebasketball', 'saltedegg', 'pier2cat',
    'gangshan77', 'siaogang', 'meinong_ok', 'citybus100', 'yancheng', 'cijin_sunset', 'qianzhen',
  ],
  'Dcard 3C': [
    '宵夜吃鹽酥雞', '高雄人在台北', '資工系的肝', '想睡覺的社畜', '珍奶少冰半糖', '今天也要加油', '不想上班啦',
    '貓奴一號', '前端工程師小陳', '三重阿翔', '台南吃貨', '沒電的行動電源', '新竹風好大', '研究所還在寫論文',
    '機車族', '早八地獄', '花蓮放山雞', '週末去爬山', '板橋小吃部', '會計系的貓', '台中太陽餅', '夜貓子工程師',
    '喝水比較健康', '中壢上班族', '嘉義雞肉飯', '每天都想放假', '基隆雨都人', '菜市場名小美', '想養柴犬', '宜蘭三星蔥',
  ],
  'Threads (demo)': [
    'mei.lin.0312', 'jason_daily', 'kaohsiung.vibes', 'jiayi.photo', 'tommy.eats', 'yuting_chen', 'hsu.design',
    'coffee.and.rain', 'a.wei.runs', 'lulu.travels', 'pinkguava', 'daan.dad', 'mr.chou.tw', 'nini.drawing',
    'tainan.slowlife', 'rick.huang', 'baobao.mama', 'hongyu_film', 'sophie.tw', 'shiba.family', 'leo.codes',
    'wanwan0801', 'taichung.noodles', 'kelly.yoga', 'ivy.bakes', 'kuo.runner', 'tina_in_taipei', 'bubble.dad',
    'sean.films', 'yilan.surf', 'ming.cooks', 'amy_tw_88', 'peter.chen.design', 'hualien.days', 'carol.reads',
    'ken.on.bike', 'joanna.w', 'xinyi.cat', 'lin.studio',
  ],
  '自由時報 (demo)': ['記者林怡君', '記者陳冠廷', '記者黃郁文', '記者蔡孟哲', '即時新聞中心'],
  '聯合新聞網 (demo)': ['記者吳家豪', '記者許雅婷', '記者鄭宇軒', '綜合報導'],
  '微博 (demo)': [
    '柠檬不酸_', '厦门小鱼干', '台湾自由行攻略君', '晚风吹过鹭岛', '福州阿明', '今天也没睡醒', '一只咸鱼在台北',
    '数码老张', '两岸通信小观察', '海边的卡夫卡_', '奶茶要三分糖', '泉州小林同学', '爱吃芒果的猫', '深夜食堂常客',
    '出差狗阿杰', '陆配小婷在高雄', '旅行的意义2020', '键盘侠本侠', '不吃香菜', '早睡早起失败', '程序员小周',
    '福建吃货地图', '半糖主义者', '鹭岛阿May', '周末去看海', '打工人小王', '闽南语十级', '榕城小胖', '爱旅行的胖虎',
    '今天也要加油鸭', '小区楼下的猫', '台胞阿伟在厦门', '带娃的第三年', '慢慢走的蜗牛', '不加班的周五', '海峡两岸一家亲', '雨后的晴天',
  ],
  '微信公众号 (demo)': ['两岸通信观察', '台海数码圈', '鹭岛生活指南', '跨境出行说', '科技早八点', '海西财经速递'],
  'Reddit r/taiwan (demo)': [
    'throwaway_tpe', 'bubbleteaenjoyer', 'expat_in_xinyi', 'kaohsiung_dave', 'scooter_sam', 'mrt_rider',
    'taichung_teacher', 'dumplingfan42', 'lostinzhongli', 'nightmarket_nina', 'ARC_holder', 'formosa_hiker',
    'typhoon_season', 'tainan_tom', 'gwei_lo', 'ilan_surfer', 'no_more_7-11', 'hsinchu_hardware', 'oolong_oliver',
    'betel_nut_bob', 'xiaolongbao_lover', 'hualien_hannah', 'banqiao_ben', 'yushan_climber', 'esl_in_taichung',
    'keelung_rain', 'neihu_dev', 'tamsui_sunset', 'foreign_spouse_tw', 'chinese_learner_22', 'danshui_dan',
    'mrt_red_line', 'sun_moon_lake', 'taoyuan_transit', 'alishan_tea', 'lukang_lu', 'pingtung_pete', 'cijin_chris',
  ],
  'Taipei Times (demo)': ['Staff writer', 'Lin Yi-chun', 'Chen Kuan-ting', 'Kayla Wu', 'CNA (demo)'],
  'Hacker News (demo)': [
    'netops_rita', 'bgpwatcher', 'kqr_ops', 'sre_in_taipei', 'jsmith', 'packetloss', 'oncall_again',
    'telco_greybeard', 'ddg_user', 'rfc1149', 'tzhang', 'imsi_catcher',
  ],
};

/** Official accounts, used by scripted items only. */
export const OFFICIAL = {
  'Threads (demo)': 'aurora.mobile.tw',
  '微博 (demo)': '极光电信官方微博',
  'Reddit r/taiwan (demo)': 'AuroraMobile_TW',
};

export const PLACES = {
  'zh-Hant': [
    '台北信義區', '台北中山區', '台北內湖', '新北板橋', '新北三重', '新北新店', '新北淡水', '桃園中壢', '桃園市區',
    '新竹竹北', '新竹市區', '苗栗頭份', '台中西屯', '台中北屯', '台中大里', '彰化員林', '雲林斗六', '嘉義市區',
    '台南東區', '台南永康', '高雄三民區', '高雄左營', '高雄鳳山', '高雄前鎮', '屏東市區', '宜蘭羅東', '花蓮市區',
    '台東市區', '基隆', '南投草屯',
  ],
  'zh-Hans': [
    '厦门思明区', '厦门湖里', '福州鼓楼', '福州仓山', '泉州', '漳州', '平潭', '台北', '高雄', '台中', '桃园', '台南',
  ],
  en: [
    "Da'an", 'Xinyi', 'Zhongshan', 'Banqiao', 'Neihu', 'Taichung', 'Tainan', 'Kaohsiung', 'Zhongli', 'Hsinchu',
    'Tamsui', 'Yilan', 'Hualien', 'Sanchong', 'Zuoying', 'Beitou',
  ],
};

export const PLANS = {
  'zh-Hant': ['599 吃到飽', '499 限速吃到飽', '1399 5G 吃到飽', '399 學生方案', '999 家庭共享', '光纖 300M', '光纖 1G', '699 雙飽'],
  'zh-Hans': ['两岸双号卡', '7 天旅游卡', '月租 199 的跨境套餐', '15 天不限流量卡', 'eSIM 旅游包'],
  en: ['NT$599 unlimited plan', 'NT$1,399 5G plan', 'prepaid tourist SIM', 'NT$499 capped plan', '1 Gbps fibre plan'],
};

/** Emoji and emoticons, by mood ('-', '0', '+'). */
export const EMOJI = {
  'zh-Hant': { '-': ['😡', '🙄', '😤', '🤬', '😮‍💨', '💢', '(╯°□°)╯︵ ┻━┻', 'QQ'], '0': ['🤔', '👀', '😅', '🙏'], '+': ['👍', '🥹', '❤️', '✨', '😊', '🙌'] },
  'zh-Hans': { '-': ['[怒]', '[泪]', '[允悲]', '[抓狂]', '😡', '🙄', '[白眼]'], '0': ['[doge]', '[思考]', '[吃瓜]', '🤔'], '+': ['[赞]', '[good]', '[哈哈]', '👍', '❤️'] },
  en: { '-': ['🙄', '😤', '💀', '🤡', ''], '0': ['🤔', '👀', ''], '+': ['🙌', '👍', '❤️', ''] },
};
