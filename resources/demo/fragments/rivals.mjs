// The two competitors on an ordinary day, posts comparing carriers (share of voice), and
// the side effect of the outage: people asking about / moving to the competitors.
// 海峽通訊 / StraitCom: the big, pricier rival with strong coverage and cross-strait roaming.
// 潮汐網路 / TideNet: the cheap challenger, fibre first, online-only support.

export const strait = {
  'zh-Hant': {
    titles: { main: [
      '0|[問題] 海峽通訊的 5G 吃到飽值得嗎', '-|[抱怨] 海峽通訊帳單又亂收', '+|[心得] 海峽通訊山區收訊', '0|[問題] 海峽通訊續約價',
      '0|[情報] 海峽通訊新資費', '-|[抱怨] 海峽通訊門市態度', '+|[心得] 海峽通訊漫遊好用', '0|[問題] 海峽通訊學生方案',
      '0|[討論] 海峽通訊 5G 涵蓋', '-|[問題] 海峽通訊違約金', '+|[分享] 海峽通訊客服處理經驗', '0|[問題] 海峽通訊 eSIM',
    ] },
    subjects: {
      main: [
        '+|海峽通訊在山上真的強，上次去太平山還有 4G', '-|海峽通訊資費越來越貴，續約價比新辦還高',
        '0|海峽通訊的 5G 吃到飽現在多少？想比較一下', '+|海峽通訊客服一次就幫我處理好，沒有踢皮球',
        '-|海峽通訊門市一直推綁約機，說空機方案沒了', '0|海峽通訊的學生方案需要什麼證件',
        '+|出差常跑廈門，海峽通訊的兩岸漫遊真的方便', '-|海峽通訊帳單多出一筆小額付費，完全沒印象',
        '0|海峽通訊要在{place}加蓋 5G 基地台的消息是真的嗎', '+|海峽通訊 5G 在高鐵上幾乎不掉線',
        '-|海峽通訊在捷運地下段常常卡住', '0|海峽通訊的家庭方案最多可以幾個人共享',
        '-|海峽通訊的 App 登入要簡訊驗證，每次都收很慢', '+|海峽通訊老客戶續約送了一支平板，還不錯',
        '0|海峽通訊跟銀行合作的聯名卡，繳電話費有回饋嗎', '-|海峽通訊違約金算法好複雜，客服也講不清楚',
        '+|在{place}用海峽通訊兩年，從來沒斷過', '0|海峽通訊的 eSIM 可以一次綁兩支手機嗎',
        '-|海峽通訊光纖的師傅改約三次，到底哪天來', '+|海峽通訊的國際漫遊在歐洲很穩，用了兩週都沒問題',
        '-|海峽通訊的 5G 吃到飽月租比別家貴三百，差在哪裡', '+|海峽通訊在離島真的強，去澎湖七美都有 4G',
        '0|海峽通訊現在攜碼進來有送什麼嗎', '-|海峽通訊客服說要查帳單得本人親自到門市，太不方便',
        '+|海峽通訊的企業門號很穩，公司用了五年沒出過大問題', '0|海峽通訊的光纖跟手機合辦有優惠嗎',
        '-|海峽通訊的 App 介面好老派，找個用量要點五層', '+|海峽通訊門市的小哥幫我把舊手機的資料全部轉好，好評',
        '0|海峽通訊的長輩方案月租多少？想幫爸爸辦', '-|海峽通訊簡訊廣告也很多，還會在半夜傳',
        '+|在{place}用海峽通訊 5G，測速穩定在五六百', '0|請問海峽通訊的漫遊日租在日本能用嗎',
        '-|海峽通訊續約只給綁約機方案，不想換手機的人很吃虧', '+|海峽通訊這次颱風天訊號很穩，山上的家人都聯絡得到',
        '0|海峽通訊有沒有學生專案？開學季想辦', '-|海峽通訊在{place}的地下室訊號也很差，不是只有別家這樣',
        '+|爬玉山一路都有海峽通訊的訊號，登山必備', '0|海峽通訊跟廈門那邊的業者合作的雙號卡，台商朋友在用',
        '-|海峽通訊的違約金是照剩餘月份算，算一算快一萬', '+|海峽通訊的客服等待時間比以前短很多，進步了',
        '0|海峽通訊的 eSIM 在 Apple Watch 上可以用嗎', '-|海峽通訊光纖的月租漲價了，也沒通知',
        '+|海峽通訊門市週末也有開到九點，下班去很方便', '0|海峽通訊的家庭方案要同戶籍嗎',
        '-|海峽通訊的 5G 在捷運站裡一直跳回 4G',
        '0|海峽通訊的門市可以代收其他家的帳單嗎', '0|海峽通訊的預付卡可以在便利商店儲值嗎',
        '0|海峽通訊的 5G 吃到飽有沒有熱點分享上限', '0|海峽通訊的光纖在{place}有涵蓋嗎',
        '0|海峽通訊的長輩機有人推薦嗎', '0|海峽通訊續約可以只降資費不換手機嗎',
        '0|海峽通訊的企業方案可以跟個人門號合併帳單嗎', '0|海峽通訊的客服專線有英文服務嗎？幫外籍同事問',
        '0|海峽通訊的國際漫遊要先開通還是落地自動開', '0|海峽通訊的門號可以轉給家人嗎',
      ],
    },
    pushes: [
      '+|海峽山區真的強', '-|海峽就是貴', '0|看你住哪裡', '+|我用海峽也很穩', '-|海峽客服也很難打', '0|先比價', '0|續約要凹',
      '+|登山必備', '-|價格勸退', '0|門市問比較清楚', '+|漫遊很方便', '-|App 很難用', '0|企業方案另外談', '+|穩定度沒話說',
      '-|帳單要看清楚', '0|學生有優惠嗎', '+|離島也有訊號', '-|違約金很硬', '0|我家那邊還行', '+|客服有進步', '0|看需求吧',
    ],
    tags: ['#海峽通訊', '#5G'],
  },
  'zh-Hans': {
    subjects: {
      main: [
        '+|海峡通讯的两岸漫游在福州用得挺顺，价格也透明', '0|去台湾玩，海峡通讯的旅游卡怎么样？',
        '-|海峡通讯的旅游卡要排很久的队，机场柜台只有一个人', '+|海峡通讯的卡在阿里山上还有信号，比想象中强',
        '0|海峡通讯在厦门有营业点吗？想办两岸套餐', '-|海峡通讯的两岸套餐贵了一截，还不如回来买本地卡',
        '+|台商朋友推荐的海峡通讯双号卡，确实省事', '0|海峡通讯和大陆这边的运营商有合作吗',
        '-|海峡通讯的卡到了花莲山里就没信号了', '+|海峡通讯的客服会讲普通话，沟通很顺畅',
        '0|海峡通讯的两岸双号卡在泉州能用吗', '+|海峡通讯的漫游在厦门落地就自动连上了，不用设置',
        '-|海峡通讯的账单寄到台湾地址，人在大陆根本收不到', '+|去台湾出差，海峡通讯的卡在台中山区也有信号',
        '0|除了海峡通讯，台湾还有哪家运营商的旅游卡好用？',
        '-|海峡通讯的旅游卡价格比去年涨了', '+|海峡通讯的卡去绿岛潜水都有信号，强',
        '0|海峡通讯在桃园机场的柜台几点开门？', '-|海峡通讯的客服电话转人工要等很久',
        '+|陆配朋友说海峡通讯的门市服务最耐心',
        '0|海峡通讯的旅游卡可以在网上预订吗', '0|海峡通讯的卡在金门能用吗？',
        '0|海峡通讯的双号卡月租多少？', '0|海峡通讯的 eSIM 支持哪些手机型号',
      ],
    },
    tags: ['#海峡通讯#', '#台湾旅游#'],
  },
  en: {
    titles: { main: ['0|StraitCom vs the rest for a long stay?', '+|StraitCom coverage in the mountains is great', '-|StraitCom pricing is getting silly', '0|StraitCom roaming in China?'] },
    subjects: {
      main: [
        '+|StraitCom had signal the whole way up Hehuanshan. Pricey, but it works.', '-|StraitCom wants NT$1,499 for a plan that is NT$999 elsewhere.',
        '0|Anyone using StraitCom roaming in mainland China? Is it worth it for a week in Xiamen?', '+|StraitCom English support sorted my ARC issue in one call.',
        '-|StraitCom store tried to sell me a phone I did not want three times.', '0|Does StraitCom do prepaid for visitors or is it contract only?',
        '+|StraitCom 5G in {place} is consistently fast, 600 Mbps at lunch.', '-|StraitCom bill had a mystery premium SMS charge. Took forever to get refunded.',
        '0|Thinking of switching to StraitCom for the mountain coverage. Any regrets?', '+|Hiked the Caoling trail with StraitCom and had signal the entire time.',
        '0|StraitCom or a tourist SIM for a two-week visit? Heard StraitCom covers the mountains better.', '-|StraitCom fibre price went up NT$100 this month with zero notice.',
        '+|StraitCom roaming in Japan just worked, no setup at all.', '0|Does StraitCom let you keep your number if you leave Taiwan for a year?',
        '-|StraitCom store wanted three forms of ID to add a line. Three.', '+|StraitCom signal on Orchid Island was perfect. Did not expect that.',
        '0|StraitCom family plan worth it for two adults and a teenager?', '-|StraitCom app logs me out every single day.',
        '+|StraitCom support fixed a billing error in one call and refunded it the same week.', '0|StraitCom 5G in {place}, any good?',
        '-|StraitCom customer service hold times are getting long again.', '+|StraitCom has been boringly reliable for me for six years. Boring is good.',
      ],
    },
    tags: ['#StraitCom'],
  },
};

export const tide = {
  'zh-Hant': {
    titles: { main: [
      '0|[問題] 潮汐網路 499 光纖值得嗎', '+|[心得] 潮汐網路光纖三個月心得', '-|[抱怨] 潮汐網路客服只有線上', '0|[問題] 潮汐網路手機方案',
      '0|[情報] 潮汐網路新方案', '-|[抱怨] 潮汐網路晚上降速', '+|[分享] 潮汐網路 CP 值', '0|[問題] 潮汐網路收訊如何',
    ] },
    subjects: {
      main: [
        '+|潮汐網路光纖 500M 一個月才 599，CP 值真的高', '-|潮汐網路客服只有線上文字，等回覆等了兩天',
        '0|潮汐網路的手機方案是用誰的基地台？收訊會不會比較差', '+|潮汐網路裝機很快，線上申請隔兩天就來了',
        '-|潮汐網路晚上九點後網速明顯掉，打遊戲很卡', '0|潮汐網路可以攜碼嗎？還是只能辦新號',
        '+|學生租屋族首選潮汐網路，便宜又不用綁約', '-|潮汐網路在{place}的收訊普通，室內常常只有一格',
        '0|潮汐網路的 eSIM 什麼時候開放？', '+|潮汐網路 App 介面乾淨，繳費兩下就好',
        '-|潮汐網路的數據機很陽春，Wi-Fi 穿牆很差', '0|潮汐網路跟大電信比起來，穩定度差多少',
        '+|用潮汐網路一年，帳單從來沒有多收過', '-|潮汐網路到山區基本上就是沒有',
        '0|潮汐網路的吃到飽有沒有公平使用條款', '+|潮汐網路的客服雖然只有線上，但回得算快',
        '-|潮汐網路的光纖社區共用，晚上鄰居一起追劇就慢', '0|潮汐網路在{place}能裝光纖嗎，查地址說尚未開通',
        '+|潮汐網路光纖的客服雖然只有線上，但工程師到府很準時', '-|潮汐網路手機方案在{place}室內常常收不到',
        '0|潮汐網路的光纖能不能綁兩年換便宜價？', '+|潮汐網路一個月 399 的手機方案，對只上網的人很划算',
        '-|潮汐網路的線上客服回覆都是罐頭訊息', '0|潮汐網路的光纖有沒有固定 IP？',
        '+|搬家時潮汐網路不用違約金就能退租，這點很加分', '-|潮汐網路光纖裝機要等兩週，排程好滿',
        '0|潮汐網路跟學生宿舍合作的方案有人辦過嗎', '+|潮汐網路的月租帳單非常透明，沒有奇怪的加值服務',
        '-|潮汐網路手機在高鐵上幾乎沒網路', '0|潮汐網路是不是沒有實體門市？SIM 卡要怎麼拿',
        '+|潮汐網路的 SIM 卡用寄的，隔天就到，開通也很快', '-|潮汐網路的路由器設定介面很難用',
        '0|潮汐網路的光纖晚上尖峰時段大概剩多少速度', '+|用潮汐網路打電動延遲很低，出乎意料',
        '-|潮汐網路手機的 VoLTE 通話常常斷', '0|有人用潮汐網路做遠距工作嗎？穩不穩',
        '+|潮汐網路的客服機器人居然可以直接幫我改方案', '-|潮汐網路光纖報修只能線上填表，等了三天',
        '0|潮汐網路的吃到飽有沒有熱點分享限制',
        '0|潮汐網路的光纖可以自己去營業處申請嗎', '0|潮汐網路在{place}的光纖大概多久可以裝好',
        '0|潮汐網路有家庭方案嗎？三支門號', '0|潮汐網路的 SIM 卡寄到超商取貨可以嗎',
      ],
    },
    pushes: [
      '+|潮汐便宜大碗', '-|潮汐客服真的慢', '0|看地區', '+|潮汐光纖很香', '-|潮汐收訊普普', '0|可以先試一個月',
      '+|不綁約很加分', '-|晚上真的會慢', '0|查地址有沒有涵蓋', '+|租屋族推薦', '-|只有線上客服', '0|路由器自己換',
      '+|CP值高', '-|山區就不要想了', '0|手機方案普通', '+|裝機很快', '0|光纖比手機好', '-|報修很麻煩',
    ],
    tags: ['#潮汐網路', '#光纖'],
  },
  'zh-Hans': {
    subjects: {
      main: [
        '0|在台湾租房，潮汐网络的光纤怎么样？房东推荐的', '+|陆配姐妹推荐潮汐网络，月租便宜，合约也灵活',
        '-|潮汐网络的客服只能在线留言，等了一天才回', '+|台北的出租屋装了潮汐网络光纤，看直播很流畅',
        '0|潮汐网络的手机卡适合短期在台湾工作的人吗', '-|潮汐网络晚上网速掉得厉害，打视频电话一直卡',
        '0|潮汐网络有没有简体中文的客服？', '+|潮汐网络不用绑约，对我们这种半年一签的很友好',
        '0|潮汐网络的卡在台湾便利店能买到吗', '+|在台南租房装了潮汐网络，一个月才几百台币，网速够用',
        '-|潮汐网络的手机卡在山区基本没信号', '+|潮汐网络的线上申请全程不用跑门店，对外地人很方便',
        '0|潮汐网络的光纤可以开发票吗？公司要报销', '-|潮汐网络晚上高峰网速只有白天的一半',
        '+|潮汐网络的客服虽然只在线，但回复还算快', '0|潮汐网络支持 eSIM 吗？',
      ],
    },
    tags: ['#潮汐网络#', '#在台湾生活#'],
  },
  en: {
    titles: { main: ['0|TideNet fibre - any good?', '+|TideNet is cheap and honestly fine', '-|TideNet support is email only?', '0|TideNet mobile coverage outside cities?'] },
    subjects: {
      main: [
        '+|TideNet fibre is NT$599 for 500 Mbps and I have had zero issues in eight months.', '-|TideNet support is chat-only and they took two days to answer.',
        '0|Is TideNet mobile any good outside the big cities? Thinking of a trip down the east coast.', '+|TideNet does month-to-month with no guarantor, perfect for new arrivals.',
        '-|TideNet speeds tank after 9pm in my building in {place}.', '0|Does TideNet support eSIM yet?',
        '+|TideNet installed fibre two days after I signed up online. Painless.', '-|TideNet router is garbage, replace it with your own on day one.',
        '0|Anyone compared TideNet fibre latency to the big carriers for gaming?', '+|TideNet never surprised me with a weird charge, which is more than I can say for others.',
        '0|TideNet mobile or fibre only? I only need home internet.', '-|TideNet mobile signal in {place} is pretty weak indoors.',
        '+|TideNet shipped my SIM overnight and activation took five minutes.', '-|TideNet support closed my ticket without fixing anything.',
        '0|Is TideNet fibre available in older buildings in {place}?', '+|TideNet let me cancel without a fee when I moved. Rare.',
        '-|TideNet speeds at 10pm are honestly rough.', '0|Anyone running a home server on TideNet fibre? Any port blocking?',
        '+|TideNet NT$399 data-only plan is great for a tablet.', '-|TideNet has no physical store, so any SIM issue means days of back and forth.',
      ],
    },
    tags: ['#TideNet'],
  },
};

/** Posts naming two or three carriers: comparisons, share of voice. `topics` lists which. */
export const compare = {
  'zh-Hant': [
    { topics: ['brand', 'strait'], lines: [
      '0|極光跟海峽通訊的 5G 吃到飽，大家會選哪個？', '+|極光在市區比海峽通訊快，但山上還是海峽通訊強',
      '-|從海峽通訊換到極光，結果地下室收訊更差，後悔', '0|極光跟海峽通訊門市都問過了，續約價差不到一百',
      '+|海峽通訊貴一點但穩，極光便宜一點速度快，看需求', '-|極光跟海峽通訊都一樣，續約老客戶就是被當盤子',
      '0|有人同時用過極光跟海峽通訊的漫遊嗎？去廈門哪個比較好', '+|換到極光之後月租比海峽通訊省了兩百，速度差不多',
      '0|公司配的是海峽通訊，自己的是極光，實測下來信義區極光快一點', '-|海峽通訊跟極光的客服我都打過，都要等很久',
    ] },
    { topics: ['brand', 'tide'], lines: [
      '0|家裡光纖要選極光還是潮汐網路？潮汐便宜但沒聽過', '+|光纖從極光換到潮汐網路，月費省一半，速度沒差多少',
      '-|潮汐網路便宜歸便宜，客服等兩天，還是極光有門市比較安心', '0|手機用極光、家裡用潮汐網路光纖，有人這樣搭嗎',
      '+|潮汐網路的光纖 CP 值贏極光，但極光手機網路還是比較穩', '-|極光光纖一直斷，考慮換潮汐網路，有人用過嗎',
    ] },
    { topics: ['strait', 'tide'], lines: [
      '0|海峽通訊跟潮汐網路的光纖，租屋族選哪個？', '+|潮汐網路便宜，海峽通訊穩，預算夠的話還是海峽通訊',
      '-|海峽通訊太貴，潮汐網路收訊又差，沒有兩全其美的嗎',
    ] },
    { topics: ['brand', 'strait', 'tide'], lines: [
      '0|整理一下三家：極光市區快、海峽通訊山區強、潮汐網路最便宜', '0|極光、海峽通訊、潮汐網路的學生方案比較，有人做過表嗎',
      '+|三家都用過，極光綜合起來最順，海峽通訊太貴，潮汐網路收訊差', '-|極光、海峽通訊、潮汐網路續約都在坑老客戶，沒有一家好',
    ] },
  ],
  'zh-Hans': [
    { topics: ['brand', 'strait'], lines: [
      '0|去台湾自由行，机场买极光电信的卡还是海峡通讯的？求推荐', '+|实测：台北市区极光电信快一点，上山还是海峡通讯稳',
      '0|两岸卡对比：极光的双号卡便宜，海峡通讯的覆盖好', '-|海峡通讯和极光电信的旅游卡都说不限流量，其实都限速',
    ] },
    { topics: ['brand', 'tide'], lines: ['0|在台湾长住，手机用极光电信，宽带装潮汐网络，这样搭配怎么样', '+|潮汐网络的光纤比极光电信便宜一半，速度够用'] },
    { topics: ['brand', 'strait', 'tide'], lines: ['0|台湾三家运营商简单对比：极光电信、海峡通讯、潮汐网络，自由行选哪家看这篇'] },
  ],
  en: [
    { topics: ['brand', 'strait'], lines: [
      '0|Aurora Mobile vs StraitCom for someone living in {place}? Mostly city, occasional hiking.',
      '+|Switched from StraitCom to Aurora, saved NT$300 a month, speeds about the same in the city.',
      '-|Both Aurora and StraitCom charge loyal customers more than new ones. Switch every two years, folks.',
      '0|Ran speedtests side by side: Aurora faster downtown, StraitCom better in the mountains.',
    ] },
    { topics: ['brand', 'tide'], lines: [
      '0|Home fibre: TideNet is half the price of Aurora Mobile. What is the catch?', '+|Moved my fibre from Aurora to TideNet, no noticeable difference except the bill.',
    ] },
    { topics: ['brand', 'strait', 'tide'], lines: [
      '0|Quick carrier summary for newcomers: Aurora is fast in cities, StraitCom covers the mountains, TideNet is cheapest.',
      '0|Which carrier do you actually recommend these days: Aurora, StraitCom or TideNet?',
    ] },
    { topics: ['strait', 'tide'], lines: ['0|StraitCom or TideNet for a student budget? Not considering anyone else.'] },
  ],
};

/** During the outage: brand posts that also name a competitor (switching, comparing). */
export const switching = {
  'zh-Hant': [
    { topics: ['brand', 'strait'], lines: [
      '0|極光斷成這樣，下午想去海峽通訊問攜碼，有人知道要帶什麼嗎', '-|旁邊用海峽通訊的同事一切正常，只有我們極光的在當原始人',
      '0|想從極光跳到海峽通訊，攜碼大概要多久？', '+|極光斷訊，海峽通訊今天倒是很穩，速度也正常',
      '-|剛借用海峽通訊同事的熱點上來，極光到現在還是沒訊號', '0|請問海峽通訊現在還能正常用嗎？怕極光的人都跳過去塞爆',
      '-|極光這次斷完，我跟我媽都要轉海峽通訊了', '+|海峽通訊貴歸貴，今天看起來很穩，極光用戶可以參考',
      '+|幸好家裡網路是極光、手機是海峽通訊，還能上來看大家崩潰',
      '0|海峽通訊的預付卡可以當極光的備援嗎？想買一張放著', '+|極光斷訊，幸好公司門號是海峽通訊，工作沒停',
      '0|極光的門號攜碼到海峽通訊，合約還沒到期要付多少', '+|借海峽通訊朋友的熱點撐過極光斷訊，海峽通訊今天很給力',
    ] },
    { topics: ['brand', 'tide'], lines: [
      '-|家裡光纖是極光的也斷了，明天就去申請潮汐網路', '0|潮汐網路的光纖跟極光是不同線路嗎？想辦一條備援',
      '-|極光斷訊，還好公司光纖是潮汐網路，不然整個部門停擺', '+|慶幸上個月把光纖從極光換到潮汐網路，今天完全沒受影響',
      '0|極光斷訊之後，潮汐網路的光纖申請要排多久？',
    ] },
    { topics: ['brand', 'strait', 'tide'], lines: [
      '0|極光斷訊後，大家要轉海峽通訊還是潮汐網路？', '-|以後手機辦海峽通訊、光纖辦潮汐網路，再也不要全部綁在極光',
    ] },
  ],
  'zh-Hans': [
    { topics: ['brand', 'strait'], lines: [
      '-|极光电信断网，同行用海峡通讯的朋友一点事没有，下次来台湾不买极光了', '0|在台湾的朋友们，极光断网的话可以先去买张海峡通讯的卡应急',
      '-|极光两岸卡挂了，还好备用机是海峡通讯的',
    ] },
    { topics: ['brand', 'tide'], lines: ['0|极光电信断网，出租屋的潮汐网络光纤还正常，先靠 Wi-Fi 撑着'] },
  ],
  en: [
    { topics: ['brand', 'strait'], lines: [
      '-|Aurora is down, my StraitCom work phone is fine. Porting my personal number tomorrow.',
      '0|Is StraitCom holding up OK with everyone from Aurora tethering off their friends?',
      '-|The StraitCom store near me has a queue of Aurora refugees. Cannot blame them.',
    ] },
    { topics: ['brand', 'tide'], lines: ['+|Glad I moved home fibre from Aurora to TideNet last month. Working fine right now.', '0|Does TideNet fibre share any infrastructure with Aurora? Looking for a real backup.'] },
  ],
};

/** Competitor-only posts during the outage (no Aurora named): their own side of the bump. */
export const rivalBump = {
  strait: {
    'zh-Hant': [
      '0|海峽通訊門市今天排隊好長，都是來攜碼的嗎', '0|海峽通訊門市說今天攜碼的人比平常多好幾倍', '+|海峽通訊今天訊號超穩，感謝', '0|海峽通訊攜碼要帶哪些證件？急',
      '-|海峽通訊今天網路也變慢了，是大家都擠過來嗎', '0|海峽通訊的預付卡超商還買得到嗎', '+|海峽通訊官方說網路正常，需要的人可以到門市辦備用卡',
      '0|海峽通訊今天攜碼還送禮券，業務手腳真快', '-|海峽通訊客服專線也塞爆了，等了二十分鐘',
      '+|海峽通訊門市今天加開了兩個櫃台，動線很順', '0|海峽通訊官網說預付卡超商就能買，開卡五分鐘',
      '+|海峽通訊今天網路一點都沒受影響，速度正常', '0|海峽通訊的預付卡一張多少？想買來放著備用',
      '+|海峽通訊的客服今天特別有耐心，一直跟大家說明攜碼流程',
    ],
    'zh-Hans': ['0|海峡通讯的旅游卡今天在桃园机场卖断货了？', '+|海峡通讯的卡今天很稳，出门旅游还是得备两张卡'],
    'zh-Hans': ['0|海峡通讯的旅游卡今天在桃园机场卖断货了？', '+|海峡通讯的卡今天很稳，出门旅游还是得备两张卡', '+|海峡通讯今天信号正常，在台北的朋友都还能联系上'],
    en: ['0|StraitCom stores are packed today. Port-in queue at the one in Xinyi is wild.', '+|StraitCom data is rock solid this afternoon, for the record.', '-|StraitCom seems slower than usual right now, probably the extra load.'],
  },
  tide: {
    'zh-Hant': [
      '0|潮汐網路的線上申請頁面今天好像卡卡的', '+|潮汐網路光纖今天一切正常，還好當初有換', '0|潮汐網路今天申請光纖，多久可以裝？',
      '-|潮汐網路官網申請表單一直送不出去，是被灌爆了嗎', '+|潮汐網路客服今天回得特別快，可能加派人手了',
      '0|潮汐網路的光纖申請今天要排到下週才能裝', '+|潮汐網路今天一切正常，家裡的網路很穩',
      '0|潮汐網路的手機方案跟光纖可以分開辦嗎？想先辦光纖',
    ],
    'zh-Hans': ['0|潮汐网络今天的线上申请好像排队了', '+|潮汐网络的光纤今天很稳'],
    en: ['0|TideNet sign-up page is crawling today, I wonder why.', '+|TideNet fibre humming along fine today.'],
  },
};
