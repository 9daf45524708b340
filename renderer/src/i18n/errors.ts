// The api's error codes (shared/errors.ts) as sentences in each UI language, built from the
// code's params. The engine's English message is never put inside these sentences; words that
// come from outside (a feed's own answer, a parser's detail) are shown apart, as `detail`.
import type { ErrorCode, ErrorParams, MissingThing, StorageProblem } from '../../../shared/errors';
import type { Locale } from './index.svelte';

type Sentences = { [C in ErrorCode]: (p: ErrorParams[C]) => string };

const THING: Record<Locale, Record<MissingThing, string>> = {
  'zh-Hant': { topic: '主題', source: '來源', mention: '提及', board: '看板', rule: '燈號規則', alert: '警示', gauge: '量表', token: '權杖' },
  'zh-Hans': { topic: '主题', source: '来源', mention: '提及', board: '看板', rule: '灯号规则', alert: '警示', gauge: '量表', token: '令牌' },
  en: { topic: 'topic', source: 'source', mention: 'mention', board: 'board', rule: 'light rule', alert: 'alert', gauge: 'gauge', token: 'token' },
};

const STORAGE: Record<Locale, Record<StorageProblem, string>> = {
  'zh-Hant': { full: '磁碟已滿', io: '磁碟讀寫錯誤', readonly: '資料夾唯讀', 'cannot-open': '無法開啟站台檔案', damaged: '站台檔案已損壞' },
  'zh-Hans': { full: '磁盘已满', io: '磁盘读写错误', readonly: '文件夹只读', 'cannot-open': '无法打开站台文件', damaged: '站台文件已损坏' },
  en: { full: 'the disk is full', io: 'a disk read/write error', readonly: 'the folder is read-only', 'cannot-open': 'the station file cannot be opened', damaged: 'the station file is damaged' },
};

/** Older stations send a code without its params: every sentence reads right without them. */
const thing = (locale: Locale, what: MissingThing | undefined, none: string) => (what && THING[locale][what]) || none;

const fields = (issues: { path: string }[]) => [...new Set(issues.map((i) => i.path))].join(', ');

const zhHant: Sentences = {
  'not-found': (p) => (p.id == null ? `找不到預設${thing('zh-Hant', p.what, '項目')}` : `${thing('zh-Hant', p.what, '項目')} ${p.id} 不存在（可能已被刪除）`),
  'unknown-method': () => '站台不認得這個操作，可能版本較舊',
  forbidden: () => '這個權杖只能檢視，不能修改',
  'bad-params': (p) => (p.issues?.length ? `欄位不正確：${fields(p.issues)}` : '送出的內容不正確'),
  'bad-query': (p) => (p.position == null ? '查詢語法有誤' : `查詢語法有誤，在第 ${p.position + 1} 個字元附近`),
  conflict: (p) => `已有${p.name ? `名為「${p.name}」` : '同名'}的${p.what === 'topic' ? '主題' : '來源'}`,
  'bad-config': (p) => (p.issues?.length ? `來源設定不正確：${fields(p.issues)}` : '來源設定不正確'),
  'not-polled': () => '這類來源由對方推送，沒有可試抓的內容',
  'source-failed': () => '試抓來源失敗',
  archived: (p) => `這則提及已移入${p?.month ? ` ${p.month} ` : ''}的唯讀封存檔，不能再修正或加標籤`,
  storage: (p) => `站台無法寫入${STORAGE['zh-Hant'][p.problem] ? `：${STORAGE['zh-Hant'][p.problem]}` : ''}，沒有任何資料寫到一半`,
  unauthorized: () => '權杖無效或已撤銷，請用新的連結開啟',
  'method-not-allowed': () => '請求方式不正確',
  'body-too-large': () => '送出的內容太大',
  'bad-json': () => '送出的內容不是有效的 JSON',
  'bad-body': () => '無法讀取送出的內容',
  'bad-host': () => '站台拒絕了這個位址（主機名稱不符）',
  'bad-origin': () => '站台拒絕了來自其他網站的請求',
  'bad-path': () => '網址不正確',
  internal: () => '站台發生內部錯誤（詳情已記錄在站台日誌）',
  network: () => '連不上站台，請檢查網路或站台是否仍在執行',
};

const zhHans: Sentences = {
  'not-found': (p) => (p.id == null ? `找不到默认${thing('zh-Hans', p.what, '项目')}` : `${thing('zh-Hans', p.what, '项目')} ${p.id} 不存在（可能已被删除）`),
  'unknown-method': () => '站台不认识这个操作，可能版本较旧',
  forbidden: () => '这个令牌只能查看，不能修改',
  'bad-params': (p) => (p.issues?.length ? `字段不正确：${fields(p.issues)}` : '提交的内容不正确'),
  'bad-query': (p) => (p.position == null ? '查询语法有误' : `查询语法有误，在第 ${p.position + 1} 个字符附近`),
  conflict: (p) => `已有${p.name ? `名为“${p.name}”` : '同名'}的${p.what === 'topic' ? '主题' : '来源'}`,
  'bad-config': (p) => (p.issues?.length ? `来源设置不正确：${fields(p.issues)}` : '来源设置不正确'),
  'not-polled': () => '这类来源由对方推送，没有可试抓的内容',
  'source-failed': () => '试抓来源失败',
  archived: (p) => `这条提及已移入${p?.month ? ` ${p.month} ` : ''}的只读归档文件，不能再修正或加标签`,
  storage: (p) => `站台无法写入${STORAGE['zh-Hans'][p.problem] ? `：${STORAGE['zh-Hans'][p.problem]}` : ''}，没有任何数据写到一半`,
  unauthorized: () => '令牌无效或已撤销，请用新的链接打开',
  'method-not-allowed': () => '请求方式不正确',
  'body-too-large': () => '提交的内容太大',
  'bad-json': () => '提交的内容不是有效的 JSON',
  'bad-body': () => '无法读取提交的内容',
  'bad-host': () => '站台拒绝了这个地址（主机名不符）',
  'bad-origin': () => '站台拒绝了来自其他网站的请求',
  'bad-path': () => '网址不正确',
  internal: () => '站台发生内部错误（详情已记录在站台日志）',
  network: () => '连不上站台，请检查网络或站台是否仍在运行',
};

const en: Sentences = {
  'not-found': (p) => (p.id == null ? `There is no default ${thing('en', p.what, 'item')}` : `${thing('en', p.what, 'item')} ${p.id} does not exist (it may have been removed)`),
  'unknown-method': () => 'The station does not know this action; it may be an older version',
  forbidden: () => 'This token can view but not change anything',
  'bad-params': (p) => (p.issues?.length ? `Check these fields: ${fields(p.issues)}` : 'What was sent is not valid'),
  'bad-query': (p) => (p.position == null ? 'The query has a syntax error' : `The query has a syntax error near character ${p.position + 1}`),
  conflict: (p) => `A ${p.what === 'topic' ? 'topic' : 'source'} ${p.name ? `named "${p.name}"` : 'of that name'} already exists`,
  'bad-config': (p) => (p.issues?.length ? `The source settings are not valid: ${fields(p.issues)}` : 'The source settings are not valid'),
  'not-polled': () => 'This kind of source is pushed to; there is nothing to try',
  'source-failed': () => 'Trying the source failed',
  archived: (p) => `This mention was moved to a read-only archive${p?.month ? ` (${p.month})` : ''}; it cannot be corrected or tagged`,
  storage: (p) => `The station cannot store${STORAGE.en[p.problem] ? `: ${STORAGE.en[p.problem]}` : ''}; nothing was half-written`,
  unauthorized: () => 'The token is not valid or was revoked; open a new link',
  'method-not-allowed': () => 'Wrong request method',
  'body-too-large': () => 'What was sent is too large',
  'bad-json': () => 'What was sent is not valid JSON',
  'bad-body': () => 'What was sent cannot be read',
  'bad-host': () => 'The station refused this address (host name mismatch)',
  'bad-origin': () => 'The station refused a request from another site',
  'bad-path': () => 'The address is not valid',
  internal: () => 'The station hit an internal error (the details are in its log)',
  network: () => 'Cannot reach the station; check the network or whether it is still running',
};

export const ERROR_SENTENCES: Record<Locale, Sentences> = { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en };
