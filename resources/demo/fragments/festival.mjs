// 高雄燈會 / Kaohsiung Lantern Festival: lanterns along the Love River and Pier-2, crowds,
// MRT and light rail, parking, weather, the drone show and stages. Mostly positive or
// neutral, with crowd complaints around the evening show. 極光電信 sponsors the free Wi-Fi.

export const festival = {
  'zh-Hant': {
    titles: {
      lanterns: ['+|[心得] 高雄燈會愛河燈區好美', '+|[分享] 高雄燈會主燈亮燈', '+|[心得] 駁二燈區拍照攻略', '0|[閒聊] 今年高雄燈會大家去了嗎', '+|[分享] 愛河燈會夜景'],
      crowd: ['-|[抱怨] 高雄燈會散場人潮太誇張', '0|[問題] 高雄燈會幾點去人比較少', '-|[抱怨] 高雄燈會人擠人', '0|[討論] 高雄燈會人潮'],
      transport: ['0|[問題] 高雄燈會停車哪裡比較好', '0|[情報] 高雄燈會交通管制懶人包', '-|[抱怨] 高雄燈會捷運站擠爆', '-|[抱怨] 高雄燈會周邊停車場全滿'],
      shows: ['+|[分享] 高雄燈會無人機表演', '0|[情報] 高雄燈會今晚表演節目', '+|[心得] 高雄燈會煙火'],
      food: ['+|[心得] 高雄燈會美食攤位', '0|[問題] 高雄燈會附近吃什麼'],
      weather: ['0|[問題] 高雄燈會下雨還會辦嗎', '0|[問題] 高雄燈會天氣'],
      family: ['0|[問題] 高雄燈會帶小孩推車方便嗎', '+|[心得] 帶家人逛高雄燈會'],
    },
    subjects: {
      lanterns: [
        '+|高雄燈會今年的主燈真的好看，亮燈那一刻全場都在尖叫', '+|愛河兩岸的燈會倒影超美，隨便拍都是桌布',
        '+|駁二燈區的互動燈很好玩，小孩玩到不想走', '0|高雄燈會的主燈每半小時有一次燈光秀，記得算好時間',
        '+|今年高雄燈會的燈區比去年大，走完要兩小時', '-|高雄燈會有些燈區的燈壞了一半，有點可惜',
        '+|愛河燈會那座鯨魚花燈超可愛，排隊拍照也值得', '0|高雄燈會的燈區地圖在官網可以下載',
        '+|高雄燈會的在地藝術家作品很有特色，比制式花燈好看', '0|愛河燈區跟駁二燈區走路大概二十分鐘',
        '+|晚上的港邊燈區配上船的燈光，高雄燈會真的很有氛圍', '-|高雄燈會的主燈今年走極簡風，看不太懂在表達什麼',
        '+|高雄燈會的燈區有好幾個可以拍倒影的角度，推薦在橋上拍', '+|高雄燈會今年有結合 AR 的燈，手機掃一下會動起來',
        '0|高雄燈會的主燈在愛河跟仁愛公園之間，很好找', '+|駁二燈區的貓咪花燈好萌，排隊拍照的人超多',
        '-|高雄燈會有些燈區的說明牌很小，長輩看不到', '+|愛河燈區沿岸一路走過去，每一段的燈主題都不一樣',
        '0|高雄燈會的燈區晚上十點關燈，要去的人注意時間', '+|高雄燈會的燈籠隧道超夢幻，拍照很出片',
        '-|高雄燈會今年的燈區跟去年有點像，新鮮感少了一點', '+|第一次看到會隨音樂變色的花燈，高雄燈會好用心',
      ],
      crowd: [
        '-|高雄燈會散場的時候人潮超誇張，捷運站排到馬路上', '-|愛河燈區人擠人，推嬰兒車根本寸步難行',
        '0|建議平日去高雄燈會，週末真的太多人', '-|高雄燈會無人機表演結束後，所有人同時往捷運站走，有點危險',
        '0|高雄燈會晚上七點前人還好，八點後開始爆滿', '-|在愛河燈區被擠到跟家人走散，手機訊號又卡，找了二十分鐘',
        '+|高雄燈會的人雖然多，但動線規劃不錯，沒有想像中擠', '0|高雄燈會現場志工很多，迷路可以直接問',
        '-|高雄燈會有些人在燈區中間停下來自拍，後面整排卡住', '-|駁二燈區的廁所排隊排到懷疑人生',
        '-|高雄燈會的愛河步道太窄，人一多完全動不了', '0|高雄燈會現場有人潮燈號，紅燈的區域建議先不要去',
        '-|帶長輩去高雄燈會，人太多只待了半小時就撤退', '+|平日晚上去高雄燈會，人剛剛好，逛起來很舒服',
        '-|高雄燈會散場的時候有人推擠，小孩嚇到哭', '0|高雄燈會晚上九點半以後人潮會慢慢散',
        '-|高雄燈會主燈區前面擠到連轉身都難', '+|高雄燈會的警察跟志工在路口分流，散場比想像中順',
      ],
      transport: [
        '0|高雄燈會期間捷運延長營運到凌晨一點，不用擔心回不去', '0|去高雄燈會建議搭輕軌，在駁二大義站下車最近',
        '-|高雄燈會周邊停車場全滿，繞了四十分鐘找不到車位', '0|高雄燈會有免費接駁車，從高雄車站出發',
        '-|高雄燈會散場捷運鹽埕埔站要排三班才上得去', '+|高雄燈會的交通管制做得不錯，計程車排班很有秩序',
        '0|騎機車去高雄燈會的話，愛河旁邊有臨時機車停車區', '-|去高雄燈會開車真的是自討苦吃，停車費還漲價',
        '0|高雄燈會的接駁車大概十五分鐘一班，晚上會加班', '+|從左營搭捷運去高雄燈會很方便，一路都有人引導',
        '-|高雄燈會散場後輕軌也是大排長龍', '0|高雄燈會附近的公有停車場有即時車位資訊，可以先查',
        '+|騎公共自行車去高雄燈會，停車方便又不用塞', '-|高雄燈會周邊計程車叫不到，只能走去比較遠的大路',
        '0|從台南搭台鐵去高雄燈會，高雄車站轉接駁車最快', '+|高雄燈會的接駁車司機很親切，還會介紹燈區',
      ],
      shows: [
        '+|高雄燈會的無人機表演太震撼了，五百台無人機排出港都的輪廓', '+|昨晚高雄燈會的煙火配樂超好聽，起雞皮疙瘩',
        '0|高雄燈會今晚八點在主舞台有樂團表演', '+|高雄燈會的原住民舞蹈表演好有感染力',
        '0|高雄燈會的無人機表演一晚兩場，八點跟九點半', '-|高雄燈會舞台區音響太大聲，旁邊的長輩一直摀耳朵',
        '+|高雄燈會的街頭藝人好厲害，圍了一大圈人', '0|聽說高雄燈會最後一晚有特別版煙火',
        '-|高雄燈會的無人機表演因為風太大延後半小時，等到腳好痠', '+|看完高雄燈會的無人機表演，覺得當高雄人好驕傲',
        '+|高雄燈會的無人機排出鯨魚游過愛河的畫面，全場都在歡呼', '0|高雄燈會的無人機表演在愛河西岸看最清楚',
        '-|高雄燈會無人機表演的位置被樹擋住，只看到一半', '+|高雄燈會舞台區的國樂團跟電音合作，超好聽',
        '0|高雄燈會的表演節目表在官網，每晚不一樣', '+|昨晚高雄燈會的無人機秀最後排出「高雄加油」，好感動',
      ],
      food: [
        '+|高雄燈會旁邊的市集好好逛，烤魷魚必吃', '-|高雄燈會攤販價格偏高，一杯飲料賣一百二',
        '0|高雄燈會有沒有推薦的美食攤？', '+|高雄燈會的在地小農市集很有特色，買了一堆伴手禮',
        '-|高雄燈會的垃圾桶太少，走一段路手上都是垃圾', '+|逛完高雄燈會去鹽埕吃宵夜，完美的一晚',
        '+|高雄燈會市集的手作燈籠好可愛，買了一個回家', '-|高雄燈會的攤位排隊排太久，放棄了',
        '0|高雄燈會的市集幾點收攤？', '+|高雄燈會旁的冰店排隊值得，芒果冰好大碗',
      ],
      weather: [
        '0|明天高雄燈會會下雨嗎？想帶爸媽去', '+|今晚高雄燈會天氣超好，不冷不熱剛剛好',
        '-|昨晚高雄燈會突然飄雨，大家都擠到騎樓下', '0|高雄燈會晚上海風有點大，記得帶件外套',
        '+|下午去高雄燈會布置區晃晃，陽光很好，晚上再來看亮燈',
        '-|高雄燈會昨晚風好大，有些燈籠被吹得歪歪的', '+|高雄燈會這幾天都沒下雨，運氣很好',
        '0|高雄燈會遇到下雨的話，表演會取消嗎',
      ],
      family: [
        '+|帶爸媽去高雄燈會，阿嬤一直說好漂亮，值得了', '0|高雄燈會有哺乳室嗎？帶小嬰兒去要注意什麼',
        '+|高雄燈會的親子區很用心，還有小朋友可以自己做燈籠', '0|推嬰兒車逛高雄燈會，建議走愛河西岸比較寬',
        '+|第一次帶男友回高雄看燈會，他說比台北的好看', '0|高雄燈會有無障礙動線嗎？家裡長輩坐輪椅',
        '+|帶狗狗去高雄燈會，很多人來摸，牠超開心', '-|高雄燈會的親子區排隊要一個小時，小孩等到鬧脾氣',
        '+|全家三代一起逛高雄燈會，阿公一直說以前的愛河沒這麼漂亮', '0|高雄燈會有提供推車租借嗎',
      ],
    },
    pushes: [
      '+|今年真的很漂亮', '0|平日去比較好', '-|人真的太多', '+|無人機超猛', '0|記得搭捷運', '-|停車超難', '+|高雄讚',
      '0|幾點有表演', '+|推 帶小孩很適合', '-|散場很可怕', '0|輕軌比較快', '+|主燈好看', '0|明天要去', '-|攤販好貴',
      '+|去年也去了 今年更好', '0|燈區地圖官網有', '-|廁所超難排', '+|愛河夜景本來就美', '0|推車可以但要避開假日',
      '+|高雄人驕傲', '0|平日晚上人比較少', '-|機車停車也很難', '+|照片拍得好美', '0|無人機在西岸看最好',
      '-|週末別去', '+|我阿嬤也說好看', '0|接駁車在高雄車站', '+|市集很好逛', '-|風好大', '0|原po幾點去的',
      '+|今年主燈很有特色', '-|輕軌也要排', '0|下雨會取消嗎', '+|志工很熱心', '0|鹽埕埔站會管制', '+|下禮拜也要去',
      '-|音響太大聲', '0|記得帶外套', '+|燈籠隧道必拍', '-|人擠人好累', '0|左營搭捷運很方便', '+|比去年好看',
    ],
    tags: ['#高雄燈會', '#愛河', '#高雄'],
  },

  'zh-Hans': {
    subjects: {
      trip: [
        '+|来高雄看灯会，爱河两岸的灯倒映在水里，美哭了', '+|高雄灯会的无人机表演太震撼了，值得专门跑一趟',
        '0|高雄灯会几点去人比较少？求攻略', '0|从台北去高雄灯会，高铁加捷运大概两小时',
        '-|高雄灯会散场的时候人太多了，捷运站排了半个小时', '+|驳二的灯区很文艺，适合拍照打卡',
        '0|高雄灯会附近有什么好吃的夜市推荐吗', '+|高雄灯会的主灯每半小时有一次灯光秀，很出片',
        '-|高雄灯会周边停车太难了，还是坐捷运吧', '+|第一次来台湾就赶上高雄灯会，运气太好了',
        '0|高雄灯会的免费接驳车从高雄车站出发，十五分钟一班', '+|高雄灯会的烟火配乐好好听，现场好多人跟着唱',
        '-|高雄灯会晚上海风好大，穿少了冻得发抖', '+|带爸妈来高雄看灯会，他们说比家里的庙会好看',
        '0|高雄灯会有简体中文的导览吗？', '+|爱河灯会+渡轮夜游，高雄的夜晚太温柔了',
        '-|高雄灯会的摊位价格有点贵，一杯柠檬茶一百台币', '0|高雄灯会和台北的元宵灯会比起来哪个好看',
        '+|高雄灯会的志工阿姨好热情，还教我们怎么坐轻轨', '-|在高雄灯会和朋友走散了，人太多，信号也不好',
        '+|高雄灯会的鲸鱼花灯太可爱了，排了二十分钟拍照', '0|高雄灯会的无人机表演在爱河西岸看最清楚',
        '-|高雄灯会的厕所排队好长，建议先在捷运站解决', '+|驳二灯区的猫咪花灯萌化了',
        '0|高雄灯会晚上十点熄灯，别去太晚', '+|高雄灯会的灯笼隧道拍照超出片，姐妹们冲',
        '-|高雄灯会主灯前面挤得转身都难', '+|坐轻轨去高雄灯会，沿路风景也很好看',
        '0|高雄灯会有没有行李寄存？下午刚到高雄', '+|高雄灯会的市集买到好吃的凤梨酥，带回去送同事',
        '-|高雄灯会散场轻轨排队排了四十分钟', '+|高雄灯会的志工小哥哥会讲普通话，超耐心',
        '0|从厦门飞高雄看灯会，小港机场到爱河怎么走', '+|高雄灯会配上港边的晚风，真的很惬意',
        '-|高雄灯会的无人机表演被树挡住了一半[泪]', '+|在高雄灯会吃到了传说中的木瓜牛奶',
        '0|高雄灯会可以带宠物进去吗？', '0|高雄灯会的灯区大概要走多久？', '0|高雄灯会最后一天还有烟火吗',
        '0|高雄灯会在爱河哪一段？住在盐埕区走过去方便吗', '0|高雄灯会的主灯秀是每半小时一次吗',
      ],
    },
    tags: ['#高雄灯会#', '#台湾自由行#', '#高雄#'],
  },

  en: {
    titles: {
      visit: [
        '+|Kaohsiung Lantern Festival is worth the trip', '0|Kaohsiung Lantern Festival: best time to go?', '-|Crowds at the Kaohsiung lantern festival were insane',
        '0|Getting to the Kaohsiung lantern festival from Taipei', '+|Drone show at the Kaohsiung lanterns', '0|Kaohsiung lanterns with kids?',
      ],
    },
    subjects: {
      visit: [
        '+|The lanterns along the Love River in Kaohsiung are gorgeous this year. Go on a weeknight if you can.',
        '+|The drone show at the Kaohsiung Lantern Festival was genuinely one of the best things I have seen in Taiwan.',
        '0|What time does the Kaohsiung Lantern Festival drone show start? Planning dinner around it.',
        '-|Leaving the Kaohsiung lantern festival after the drone show was a crush. Salinbo MRT station had lines onto the street.',
        '0|Is the Kaohsiung Lantern Festival doable with a stroller? Toddler plus grandparents.',
        '+|Took the light rail to the Kaohsiung lanterns at Pier-2, super easy and the staff were great.',
        '-|Do not drive to the Kaohsiung lantern festival. Spent 40 minutes looking for parking.',
        '0|Kaohsiung Lantern Festival tip: the west bank of the Love River is less packed.',
        '+|Went to the Kaohsiung Lantern Festival with my in-laws, they loved the main lantern light show.',
        '0|Any recommendations for food near the Kaohsiung Lantern Festival that is not a 40 minute queue?',
        '-|The Kaohsiung lantern festival stage speakers were deafening. Had to move away from the river.',
        '+|Kaohsiung lanterns plus a night ferry to Cijin is the perfect evening.',
        '0|Is the Kaohsiung Lantern Festival still on if it rains tomorrow?',
        '+|The local artists section of the Kaohsiung Lantern Festival is way more interesting than the big mascots.',
        '0|Free shuttle to the Kaohsiung Lantern Festival leaves from Kaohsiung Main Station every 15 minutes.',
        '-|Overpriced drinks at the Kaohsiung lantern festival stalls, NT$120 for a lemon tea.',
        '+|Kaohsiung Lantern Festival volunteers were so helpful, one walked us all the way to the light rail.',
        '0|Heading to the Kaohsiung lanterns tonight, anyone know if the fireworks are still on?',
        '+|The whale lantern floating over the Love River in Kaohsiung is the best thing there.', '-|Kaohsiung lantern festival toilets had 30 minute queues. Plan ahead.',
        '0|Kaohsiung lanterns: is Pier-2 or the Love River section better for photos?', '+|Kaohsiung lanterns with the harbour breeze and a beer. Perfect evening.',
        '-|The Kaohsiung lantern drone show was half blocked by trees from where we stood.', '0|Do the Kaohsiung lanterns stay lit until 10pm every night?',
        '+|The AR lanterns at the Kaohsiung festival are a fun touch, kids loved them.', '-|Light rail back from the Kaohsiung lanterns was a 40 minute queue.',
        '0|Any quieter spots to watch the Kaohsiung lantern drone show?', '+|The music-reactive lanterns in Kaohsiung are seriously impressive.',
        '-|Kaohsiung lantern crowd got pushy after the show. Not fun with a toddler.', '+|Took my parents to the Kaohsiung Lantern Festival. Dad has not stopped talking about it.',
        '0|Is there bike parking near the Kaohsiung Lantern Festival?', '+|Free shuttle back from the Kaohsiung lanterns was quick and well organised.',
        '0|Which MRT exit is closest to the Kaohsiung lanterns on the Love River?', '0|Are dogs allowed at the Kaohsiung Lantern Festival?',
        '0|How long does it take to walk the whole Kaohsiung lantern route?', '0|Is the Kaohsiung Lantern Festival main lantern show every half hour?',
        '0|Kaohsiung lanterns: worth going on the last night or too crowded?', '0|Does the Kaohsiung Lantern Festival have an English map anywhere?',
      ],
    },
    tags: ['#Kaohsiung', '#LanternFestival'],
  },
};

/** Festival × brand: the free Wi-Fi 極光電信 sponsors. Ordinary days. */
export const festivalWifi = {
  'zh-Hant': [
    '+|高雄燈會的免費 Wi-Fi 是極光贊助的，人那麼多還很順，給推', '0|高雄燈會現場的極光免費 Wi-Fi 要怎麼登入？',
    '-|高雄燈會人太多，極光的免費 Wi-Fi 連上了也跑不動', '+|在高雄燈會用極光的 Wi-Fi 開直播，居然沒卡',
    '0|高雄燈會的極光 Wi-Fi 熱點在主燈附近最強', '+|極光在高雄燈會設了手機充電站，救了我的沒電手機',
    '-|高雄燈會的極光 Wi-Fi 要先看廣告才能連，有點煩', '0|極光今年是高雄燈會的贊助商，門口那個大拱門就是他們的',
    '+|高雄燈會現場的極光服務站可以免費借行動電源，佛心', '-|愛河燈區那段極光的 Wi-Fi 一直斷斷續續',
  ],
  'zh-Hans': [
    '+|高雄灯会现场有极光电信的免费 Wi-Fi，给游客很方便', '0|高雄灯会的极光 Wi-Fi 需要台湾手机号验证吗？',
    '-|高雄灯会人太多，极光的免费 Wi-Fi 基本连不上', '+|极光电信在高雄灯会的服务站可以借充电宝，好评',
  ],
  en: [
    '+|Free Wi-Fi at the Kaohsiung Lantern Festival is sponsored by Aurora Mobile and it actually works in the crowd.',
    '0|Does the Aurora Wi-Fi at the Kaohsiung lanterns need a local phone number to log in?',
    '-|Aurora free Wi-Fi at the Kaohsiung lanterns is unusable once the drone show crowd arrives.',
  ],
};

/** Festival × brand during the outage: the sponsored Wi-Fi and phones at the venue. */
export const festivalOutage = {
  'zh-Hant': [
    '-|高雄燈會的極光免費 Wi-Fi 也跟著掛了，今晚大家怎麼約會合點', '0|在高雄燈會布置區做準備，極光斷訊，工作人員改用無線電聯絡',
    '-|高雄燈會攤商的刷卡機走極光網路，下午試營運整個收不了錢', '0|高雄燈會主辦單位說如果極光晚上還沒恢復，會另外架備用網路',
    '-|贊助高雄燈會免費 Wi-Fi 的極光自己先斷網，這很難評', '-|晚上要去高雄燈會，極光到時候還沒好的話要怎麼跟朋友會合',
    '0|高雄燈會服務台說極光的 Wi-Fi 暫停，手機充電站還可以用',
  ],
  'zh-Hans': ['-|高雄灯会的免费 Wi-Fi 是极光电信的，现在也断了，晚上看灯会怎么导航[允悲]', '0|高雄灯会官方说极光断网期间，会场服务台可以帮忙联系走散的家人'],
  en: ['-|Aurora sponsors the free Wi-Fi at the Kaohsiung lanterns. Guess how that is going today.', '0|Kaohsiung Lantern Festival organisers say they will set up backup Wi-Fi tonight if Aurora is still down.'],
};

/** Festival posts in the live half hour (afternoon, before the evening crowds). */
export const festivalAfternoon = {
  'zh-Hant': [
    '0|下午的高雄燈會還在做最後布置，晚上才會全部亮燈', '+|趁下午人少先來高雄燈會駁二燈區拍照，光線很好',
    '0|今天高雄燈會晚上有加場無人機表演，七點半跟九點', '+|高雄燈會的白天版其實也很好看，燈的造型看得更清楚',
    '0|高雄燈會今天下午四點起愛河周邊交通管制', '+|剛從高雄燈會市集買了鳳梨酥，晚上再來看燈',
    '0|高雄燈會今晚降雨機率 10%，可以放心出門',
    '+|高雄燈會駁二那區下午有街頭藝人表演，好熱鬧', '0|高雄燈會晚上的無人機表演今天改在愛河西岸施放',
    '+|下午陪小孩在高雄燈會親子區做燈籠，做完超有成就感', '0|高雄燈會的市集今天下午三點開始營業',
    '+|高雄燈會的燈在白天看也很可愛，鯨魚花燈好大一隻', '0|高雄燈會接駁車今天從下午四點開始發車',
    '+|高雄燈會今天天氣超好，晚上看燈應該很舒服', '0|晚上要去高雄燈會的人，輕軌駁二大義站人會比較多',
    '+|愛河燈區旁邊的咖啡店下午好悠閒，等晚上亮燈',
  ],
  'zh-Hans': ['0|下午先到高雄灯会附近的驳二逛逛，晚上等亮灯', '+|高雄灯会白天的布景也很好看，人少拍照很舒服', '+|高雄灯会的市集下午就开了，买了好多小吃', '0|今晚高雄灯会的无人机表演七点半开始'],
  en: ['0|Heading to the Kaohsiung lanterns this evening. Any tips for the drone show viewing spot?', '+|Pier-2 in the afternoon before the Kaohsiung lanterns light up is lovely and quiet.', '+|Kaohsiung lanterns look great even in daylight, the whale is enormous.', '0|Kaohsiung lantern festival shuttle buses start at 4pm today.'],
};
