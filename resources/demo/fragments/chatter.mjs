// Posts that match no topic. Some are near misses on purpose, so the topic queries have
// something to leave out: aurora photography (極光 the sky, not the carrier), the Taiwan
// Strait (海峽 the sea), tide tables (潮汐 the tide), lantern festivals in other cities.

export const chatter = {
  'zh-Hant': {
    titles: {
      aurora: ['+|[心得] 冰島追極光五天四夜', '+|[心得] 芬蘭拍極光心得', '0|[問題] 追極光要準備什麼'],
      strait: ['0|[問卦] 有沒有台灣海峽風浪的八卦', '0|[問題] 小三通停航'],
      tides: ['0|[問題] 釣魚要看潮汐表嗎', '+|[分享] 退潮的濕地'],
      lanterns: ['+|[分享] 平溪天燈好美', '0|[問題] 元宵節去哪'],
      phone: ['0|[問題] 手機電池健康度掉很快', '0|[問題] 手機殼推薦', '0|[問題] 二手手機怎麼挑', '-|[抱怨] 手機又出問題'],
      daily: ['0|[問卦] 今天午餐吃什麼', '-|[抱怨] 捷運冷氣太強', '0|[閒聊] 週末去哪玩', '0|[問卦] 為什麼台灣人這麼愛排隊', '0|[問卦] 今天會下雨嗎'],
    },
    subjects: {
      aurora: [
        '+|終於在冰島追極光成功了，綠色的光在頭上跳舞，眼淚直接掉下來', '0|想去芬蘭追極光，二月還是三月比較容易看到',
        '+|拍極光的設定分享：ISO 3200、快門 8 秒、光圈開到最大', '0|今晚北極光指數很高，阿拉斯加的朋友說整片天空都是綠的',
        '-|花了十萬去追極光，五個晚上都是陰天，QQ', '0|有人用手機拍過北極光嗎？現在手機夜拍真的能拍嗎',
        '+|黃刀鎮追極光第三晚終於看到，值回票價', '0|極光預報說這週末太陽風很強，北海道有機會看到',
        '+|在挪威追極光那晚零下二十度，但看到的瞬間什麼都值得', '0|北極光跟南極光有什麼差別？小孩問倒我了',
        '0|想拍極光的話腳架一定要帶嗎', '+|追極光的團員都是台灣人，在芬蘭雪地裡聊夜市，好好笑',
      ],
      strait: [
        '0|台灣海峽今天風浪很大，小三通的船班全部停航', '0|颱風在台灣海峽打轉，明天不知道會不會放颱風假',
        '-|台灣海峽的貨櫃輪塞車，公司的貨又要延後一週', '0|澎湖的朋友說台灣海峽這幾天霧很大，飛機延誤',
        '0|台灣海峽的鋒面下午通過，北部會轉雨', '-|台灣海峽風浪大，金門的班機又延誤了',
      ],
      tides: [
        '0|明天去基隆釣魚，先查一下潮汐表，滿潮大概下午三點', '+|週末去新竹看潮汐退去的濕地，一堆招潮蟹好可愛',
        '0|衝浪要看潮汐嗎？還是看浪高就好', '0|澎湖摩西分海要看潮汐時間，退潮才走得過去',
        '0|高美濕地看夕陽要配合潮汐，退潮的時候最美', '+|照著潮汐表去北海岸撿海玻璃，收穫滿滿',
      ],
      lanterns: [
        '+|平溪放天燈好浪漫，許願完看它飄上去', '0|台北燈節今年在哪裡辦？想帶小孩去', '+|台中花燈展的燈籠好可愛，拍了好多照片',
        '0|元宵節要猜燈謎，有人知道哪裡有在辦嗎',
        '+|鹿港的燈會小小的但很有味道', '0|台北燈節跟平溪天燈同一天，要怎麼排行程',
      ],
      phone: [
        '0|手機電池健康度剩 82%，該換電池還是換新機', '-|手機充電孔一直接觸不良，每天都要喬角度', '0|大家手機殼都在哪裡買？網購的品質差好多',
        '+|新手機的夜拍進步好多，隨手拍都很清楚', '-|手機掉進馬桶，米缸救得回來嗎 QQ', '0|二手手機怎麼挑？怕買到泡過水的',
        '0|藍牙耳機一直自動斷線，是手機問題還是耳機問題', '+|終於把手機儲存空間清出來了，照片備份好安心',
        '-|手機一直跳出不明廣告，是不是中毒了', '0|有人用過手機的衛星求救功能嗎？',
        '-|手機更新完電量掉超快，後悔更新', '0|手機 128G 夠用嗎？照片很多',
        '+|手機換了新的保護貼，螢幕摔了也沒事', '0|手機的 eSIM 換機要怎麼轉？',
        '-|手機螢幕有一條綠線，送修要一週', '+|手機相簿用 AI 整理，找照片快好多',
      ],
      daily: [
        '0|有沒有今天午餐吃什麼的八卦', '-|捷運冷氣強到像冰箱，忘記帶外套超後悔', '+|下班後去河濱騎腳踏車，夕陽好美',
        '0|週末去台南吃什麼？第一次去', '-|颱風天還要上班的公司是不是該被公布', '+|今天老闆請全公司喝手搖，幸福',
        '0|高雄今天好熱，下午還是 28 度', '-|機車停車格又被汽車佔走，很無言', '0|為什麼大家都在排那家新開的甜甜圈',
        '+|巷口早餐店阿姨記得我的早餐，好感動', '-|樓上又在半夜裝潢，是在哈囉', '0|台北今天下午會下雨嗎，要不要帶傘',
        '+|週末去爬象山，看到整片夜景很療癒', '0|有推薦高雄在地的早午餐嗎', '-|健保卡忘記帶，只好回家拿',
        '0|有人知道哪裡可以修老收音機嗎', '+|今天在捷運上有人讓座給孕婦，好暖',
        '-|便當店又漲價了，一個雞腿便當一百二', '0|週末要不要去宜蘭泡湯',
        '+|巷口的貓今天終於讓我摸了', '-|下班遇到大塞車，一小時才到家',
        '0|颱風要來了嗎？看氣象說可能會轉向', '+|新開的圖書館好漂亮，可以待一整天',
        '-|停車費又要漲了', '0|台中有什麼好吃的火鍋',
        '+|阿嬤做的滷肉飯還是最好吃', '-|房東突然說要漲租，好煩',
      ],
    },
    pushes: [
      '0|推', '+|好美', '0|我也想去', '-|好慘', '0|看天氣', '+|羨慕', '0|樓上正解', '-|我也遇過', '0|同問', '+|好讚',
      '0|這個要看', '-|真的很煩', '+|長知識了', '0|我都隨便', '-|太扯了吧', '+|感謝分享', '0|先收藏', '-|同樣受害',
      '0|看個人', '+|好想去', '0|五樓好人', '-|唉', '+|超療癒', '0|有圖嗎', '-|好貴', '0|我記得不是這樣', '+|推推',
    ],
  },

  'zh-Hans': {
    subjects: {
      aurora: [
        '+|在冰岛追极光第三晚终于看到了，整片天空都在跳舞', '0|二月去芬兰看北极光，需要准备什么装备',
        '0|拍极光的参数分享：ISO 3200，快门 8 秒', '-|去漠河追极光，连着三天阴天，白跑一趟[泪]',
      ],
      strait: ['0|台湾海峡这几天风大浪高，厦金航线部分停航', '0|台风路径经过台湾海峡，福建沿海注意防范'],
      tides: ['0|周末去平潭赶海，先看好潮汐时间，退潮才有收获', '+|赶海挖到好多花蛤，潮汐时间算得刚刚好'],
      daily: [
        '0|今天厦门好热，下午还有三十度', '+|周末去鼓浪屿，人不多，很舒服', '-|地铁空调太冷了，忘带外套',
        '0|有没有好用的手机壳推荐', '+|终于抢到回老家的车票了', '-|手机又卡又发热，该换了',
        '0|福州有什么必吃的小吃？', '+|下班去海边吹风，心情好多了', '-|外卖又送错了，无语',
        '0|有人用过新出的折叠屏手机吗，值得买吗', '+|今天的晚霞好美，随手拍都是壁纸', '0|台湾的夜市和大陆的有什么不一样',
        '+|第一次吃台湾的卤肉饭，真香', '0|去台湾旅游要办什么证件？', '-|航班又延误了两个小时',
        '0|厦门的沙茶面哪家最正宗', '+|今天终于把拖了三个月的报告交了', '-|小区又停水了',
        '0|周末带孩子去哪里玩比较好', '+|楼下新开的咖啡店很好喝', '-|高铁票又没抢到',
        '0|福州今天会下雨吗', '+|跑完了人生第一个半马', '-|快递又丢了，客服推来推去',
      ],
    },
  },

  en: {
    titles: {
      aurora: ['+|Finally saw the northern lights in Tromso', '0|Aurora forecast looks promising this week'],
      strait: ['0|Taiwan Strait shipping delays again?'],
      tides: ['0|Tide tables for surfing in Yilan'],
      lanterns: ['+|Pingxi sky lanterns were magical'],
      daily: ['0|Best beef noodle soup in Taipei?', '0|ARC renewal question', '-|Scooter parking rant', '0|Random question about life here'],
    },
    subjects: {
      aurora: [
        '+|Finally saw the northern lights in Tromso on my fourth night. Worth every freezing minute.',
        '0|Aurora forecast says Kp 7 tonight, anyone in northern Japan trying for a sighting?',
        '0|Tips for photographing the aurora borealis on a phone? Mine just shows green mush.',
      ],
      strait: [
        '0|Shipping through the Taiwan Strait is delayed again, our container is two weeks late.',
        '0|Typhoon heading up the Taiwan Strait, ferries to Kinmen cancelled tomorrow.',
      ],
      tides: ['0|Anyone know a good app for tide tables? Surfing in Yilan this weekend.', '+|Low tide at Laomei green reef this morning was stunning.'],
      lanterns: ['+|Pingxi sky lanterns were magical, even with the crowds.', '0|Is the Taipei lantern event worth it this year or skip it?'],
      daily: [
        '0|Best beef noodle soup in Taipei that is not on every tourist list?', '-|Someone parked their scooter across three spaces again.',
        '0|ARC renewal: do I need to book an appointment now or can I walk in?', '+|The new bike lanes in Taichung are actually great.',
        '-|Why is every convenience store out of tea eggs today', '+|Hiked Elephant Mountain at sunrise, no crowds, perfect.',
        '0|What is the best way to learn Taiwanese Hokkien as an adult?', '+|Night market in Tainan last night was the best meal of my trip.',
        '-|Rainy season arrived right on schedule, my shoes will never be dry again.', '0|Where do people buy decent coffee beans in Kaohsiung?',
        '+|Random act of kindness: a stranger paid for my bus when my card failed.', '0|Taking the HSR to Tainan with a bike, is that allowed?',
        '-|My landlord wants to raise the rent 20%. Is that even legal?', '0|Recommendations for a dentist in Zhongshan who speaks English?',
        '+|Found a tiny bookshop in Tainan with English novels and a cat. Perfect afternoon.', '-|The humidity is destroying my will to live.',
        '0|Any decent gyms in Banqiao with day passes?', '+|My neighbours brought over homemade dumplings for no reason. Love this place.',
        '-|Garbage truck came ten minutes early and I missed it again.', '0|Best day hike from Taipei that is not Elephant Mountain?',
        '+|Finally passed my scooter licence test on the second try.', '0|How do people here deal with mould in winter?',
      ],
      hn: [
        '0|Interesting write-up on how night markets handle payments, a lot of it still runs on cash and QR codes.',
        '0|Taiwan has one of the highest densities of convenience stores in the world, which explains a lot about the logistics.',
        '0|The more I read about semiconductor supply chains the more I realise how fragile everything is.',
        '0|Taiwan mandated emergency alerts over cell broadcast years ago. Curious how other countries compare.',
        '+|Taipei MRT runs on time to a degree that makes every other metro I have used look chaotic.',
        '0|Anyone know how Taiwanese e-invoice lotteries are implemented? It is a fascinating incentive design.',
        '0|Open data portals in Taiwan are surprisingly good. The bus arrival API is rock solid.',
        '-|Every government site here still wants a specific browser plugin for card readers. Painful.',
        '0|Undersea cables around Taiwan get cut more often than people think. Redundancy planning is a real job there.',
        '+|The convenience store bill payment system is an underrated piece of infrastructure.',
      ],
    },
  },
};
