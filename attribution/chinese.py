"""Chinese word path: jieba's segmenter and part-of-speech tags (dictionary inside the package), when installed.

Optional (extra `attribution-zh`): without jieba the reader cuts Chinese source phrases by characters
(the cue path). With it a cue's source is a whole noun phrase: the subject that opens the clause before
the cue ("外交部次長吳志中日前受訪時表示": 吳志中, role 次長, affiliation 外交部), or the phrase after
據 / 根據 / 援引 / 引述; time and place words, datelines and bylines are not sources; generic media
words ("外媒", "英國媒體") are an unnamed group of media; "報導指", "該報指" refer back to the last outlet
credited, "他/她/其表示" to the last person who spoke; dates and numbers are never sources; a body
publishing a notice ("證監會發布公告表示", "警方通報稱") is the source; hearsay ("市場傳聞稱") is no statement. Works on simplified and traditional text alike (the word lists below carry both scripts).

The dictionary loads once per process (about 0.7 s, lazily, on the first Chinese text); its cache goes
to a directory under the system's temporary directory, never into the repository.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass, replace
from functools import lru_cache

from .discourse import Memory
from .finders import Cue
from .gazetteer import Gazetteer
from .model import ORGANISATION, OUTLET, PERSON, UNNAMED, Source, Statement
from .phrases import UNRESOLVED


def _both(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# Speech and report verbs, as whole words (so "說明會", "報導中" and "表示" inside a longer word are not
# cues). The lexicon's after-source cues plus verbs a word boundary makes safe to add.
SAY = frozenset(
    _both(
        "表示 称 稱 说 說 指出 透露 报道 報道 报导 報導 宣布 宣佈 强调 強調 认为 認為 介绍 介紹 告诉 告訴 "
        "回应 回應 否认 否認 证实 證實 写道 寫道 声称 聲稱 坦言 直言 警告 补充 補充 披露 称赞 稱讚 批评 批評 "
        "驳斥 駁斥 重申 描述 提到 表明 宣称 宣稱 承认 承認 坦承 澄清 呼吁 呼籲 说道 說道 指称 指稱 "
        "声明 聲明 预测 預測 预计 預計 提醒 解释 解釋 分析 估计 估計 发文 發文 写 寫 指 转述 轉述 "
        "反驳 反駁 谴责 譴責 暗示 发表声明 發表聲明 透過聲明 表態 表态 保证 保證 指控 显示 顯示"
    )
)
# "显示" is a cue only after what a body publishes or a study finds: "财报显示", "研究显示", "数据显示"
# (not "画面显示", what a screen shows).
_SHOWS = frozenset(_both("显示 顯示"))
# Cues that read as nouns after a determiner: "相關報導中", "該聲明".
_NOUNISH = frozenset(_both("报道 報道 报导 報導 声明 聲明 分析 描述 写 寫 指 指控"))
REPORTS = frozenset(_both("报道 報道 报导 報導"))
BEFORE = frozenset(_both("据 據 根据 根據 援引 引述 引用 引自 转引 轉引 按照 依据 依據"))
CITING = frozenset(_both("援引 引述 引用 转引 轉引 引自 据 據 根据 根據"))
# "據悉", "據了解": no source named.
_NO_SOURCE_AFTER = frozenset(
    _both("悉 了解 瞭解 报道 報道 报导 報導 称 稱 传 傳 指出 透露 估计 估計 统计 統計")
)
ROLES = frozenset(
    _both(
        "发言人 發言人 部长 部長 次长 次長 副部长 副部長 司长 司長 顾问 顧問 主席 副主席 总统 總統 副总统 副總統 "
        "总理 總理 副总理 副總理 首相 外长 外長 防长 防長 大使 公使 董事长 董事長 总裁 總裁 执行长 執行長 "
        "首席执行官 首席執行官 首席财务官 首席財務官 财务长 財務長 创始人 創始人 創辦人 创办人 经理 經理 "
        "总经理 總經理 局长 局長 主任 秘书长 秘書長 议员 議員 参议员 參議員 众议员 眾議員 州长 州長 市长 市長 "
        "教授 律师 律師 分析师 分析師 经济学家 經濟學家 院长 院長 校长 校長 委员 委員 主委 署长 署長 处长 處長 "
        "省长 省長 书记 書記 国务卿 國務卿 负责人 負責人 研究员 研究員 主播 总编辑 總編輯 社长 社長 行长 行長 "
        "副行长 副行長 总干事 總幹事 秘书 秘書 助理 特使 代表 军官 軍官 将军 將軍 司令 总监 總監 合伙人 合夥人 "
        "高级官员 高級官員 官员 官員 领导人 領導人 国王 國王 女王 王储 王儲 首长 首長 党魁 黨魁 "
        "董事会秘书 董事會秘書 董秘 证券事务代表 證券事務代表 董事 独立董事 獨立董事 监事 監事 副总经理 副總經理 "
        "副总裁 副總裁 首席经济学家 首席經濟學家 首席分析师 首席分析師 首席投资官 首席投資官 行政总裁 行政總裁 "
        "董事总经理 董事總經理 新闻发言人 新聞發言人 新闻官 新聞官 外交官 法官 检察官 檢察官 特首 议长 議長 "
        "会长 會長 理事长 理事長 厂长 廠長 县长 縣長 区长 區長 镇长 鎮長 党委书记 黨委書記 总书记 總書記 "
        "副教授 所长 所長 相关负责人 相關負責人 主管 医生 醫生 立委 立法委员 立法委員"
    )
)
# Heads of a nameless group: "知情人士", "美國官員", "多名人士", "分析師".
GROUPS = frozenset(
    _both(
        "人士 知情人士 消息人士 业内人士 業內人士 分析人士 观察人士 觀察人士 消息来源 消息來源 消息 来源 來源 "
        "官员 官員 高管 员工 員工 专家 專家 学者 學者 分析师 分析師 军官 軍官 人员 人員 议员 議員 "
        "投资者 投資者 经济学家 經濟學家 研究人员 研究人員 网友 網友 居民 民众 民眾 选民 選民 批评者 批評者 "
        "高层 高層 幕僚 助手 工作人员 工作人員 人"
    )
)
MEDIA = frozenset(
    _both(
        "媒体 媒體 外媒 英媒 美媒 日媒 韩媒 韓媒 台媒 港媒 陆媒 陸媒 中媒 俄媒 德媒 法媒 官媒 传媒 傳媒 "
        "外电 外電"
    )
)
_NEGATION = frozenset(_both("未 不 没 沒 没有 沒有 未有 并未 並未 拒绝 拒絕 不愿 不願 无法 無法 尚未"))
_THERE_ARE = frozenset(_both("有 另有 亦有 也有 还有 還有 更有"))
# "獲悉", "了解到": what a reporter learnt, credited to whom they learnt it from ("從X獲悉").
LEARNT = frozenset(_both("获悉 獲悉 得知 获知 獲知 了解到 瞭解到"))
_REPORT_NOUN = frozenset(_both("报道 報道 报导 報導 该报道 該報導 该报导 該報道 报告 報告"))
_PRONOUNS = frozenset(_both("他 她 他们 他們 她们 她們 其"))
_DETERMINERS = ("该", "該", "此", "这", "這", "那")
# What a determiner makes one word with in news: "該報", "此報導", "該網站".
_DETERMINED = frozenset(
    _both("报 報 报道 報道 报导 報導 媒体 媒體 网站 網站 网 網 刊 杂志 雜誌 通讯社 通訊社 电视台 電視台 社")
)
# Names jieba's dictionary tags as people that are places or institutions in news.
PLACES = _both(
    "白宫 白宮 华府 華府 五角大楼 五角大廈 克里姆林宫 克里姆林宮 克林姆林宮 国务院 國務院 国防部 國防部 "
    "外交部 华盛顿 華盛頓 北京 台北 莫斯科 东京 東京 首尔 首爾 伦敦 倫敦 巴黎 柏林 布鲁塞尔 布魯塞爾 "
    "欧盟 歐盟 联合国 聯合國 北约 北約 中南海 唐宁街 唐寧街 总统府 總統府 行政院 立法院 监察院 監察院 司法院"
)
ORG_SUFFIX = re.compile(
    r"(?:部|公司|集团|集團|政府|委员会|委員會|银行|銀行|局|署|院|办公室|辦公室|协会|協會|中心|大学|大學|"
    r"组织|組織|机构|機構|党|黨|军|軍|厅|廳|处|處|会|會|所|基金|企业|企業|法院|议会|議會|国会|國會|当局|當局|委|办|辦|府|"
    r"警方|校方|院方|官方|检方|檢方|控方|辩方|辯方|军方|軍方|资方|資方|劳方|勞方|厂方|廠方|[中美俄日韩韓英法德台港陆陸欧歐]方)$"
)
OUTLET_SUFFIX = re.compile(
    r"(?:报|報|时报|時報|日报|日報|晚报|晚報|新闻|新聞|社|电视台|電視台|电台|電台|网|網|杂志|雜誌|周刊|週刊|"
    r"通讯社|通訊社|频道|頻道)$"
)
_BYLINE = re.compile(r"记者|記者|特派员|特派員|编译|編譯|编辑|編輯|实习生|實習生|撰稿|摄影|攝影")
# "(中央社記者X華盛頓17日專電)", "【本報台北訊】", "〔財經頻道／綜合報導〕": a dateline, not a source.
_DATELINE = re.compile(
    r"[(（【〔\[][^()（）【】〔〕\[\]]{0,40}?(?:记者|記者|电|電|讯|訊|报道|報導|报导|綜合|综合|编译|編譯)"
    r"[^()（）【】〔〕\[\]]{0,20}[)）】〕\]]"
)
# The mainland wire's dateline opening a story, unbracketed: "新華社北京9月18日電", "中新网3月5日电", "本报讯".
_WIRE_DATELINE = re.compile(
    r"\s*(?:【[^】\n]{0,20}】)?(?:[^，。,；;\s]{0,24}?[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日"
    r"(?:电|電|讯|訊|消息)|[^，。,；;\s]{1,12}?(?:讯|訊)(?=\s|[（(【]))"
)
# The commonest Chinese surnames, both scripts: what a name after a role word starts with.
SURNAMES = frozenset(
    "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何高林羅罗鄭郑梁謝谢宋唐許许韓韩馮冯鄧邓曹彭曾蕭萧"
    "田董袁潘于蔣蒋蔡余杜葉叶程蘇苏魏呂吕丁任沈姚盧卢姜崔鍾钟譚谭陸陆汪范金石廖賈贾夏韋韦付方白鄒邹孟熊"
    "秦邱江尹薛閻阎段雷侯龍龙史陶黎賀贺顧顾毛郝龔龚邵萬万錢钱嚴严覃武戴莫孔向湯汤柯賴赖游洪翁施歐欧卓童凌"
)
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_OWN = re.compile(r"^(?:本报|本報|本台|本网|本網|本刊|本社|本站)")
_CLAUSE = frozenset('，。；：！？,;:!?「」『』“”"')
_TIME = re.compile(
    r"^(?:\d+|[一二三四五六七八九十]+)?(?:年|月|日|号|號|时|時|点|點)$|^今|^昨|^前天|^明天|^日前|^近日|^早前|^此前|^稍早|^当天|^當天|"
    r"^当日|^當日|^同日|^随后|^隨後|^周[一二三四五六日]|^週[一二三四五六日]|^星期|"
    r"^(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|晚間|深夜|夜间|夜間|早间|早間|午间|午間|稍后|稍後)$"
)
_LEAD_SKIP = frozenset(
    _both(
        "另外 另一方面 此外 而 但 但是 不过 不過 同时 同時 其中 并 並 且 也 则 則 对此 對此 至于 至於 "
        "由于 由於 因此 所以 然而 还 還 亦 又 就 都 曾 已 已经 已經 更 再 再度 再次 随即 隨即 于是 於是 有 "
        "据悉 據悉 据了解 據了解 目前 当时 當時 最后 最後 最终 最終"
    )
)


def blocked() -> bool:
    return os.environ.get("CLAIMTRACKER_NO_JIEBA") == "1"


@lru_cache(maxsize=1)
def load():
    """jieba's part-of-speech tokenizer with the words above added, or None without jieba (or blocked)."""
    if blocked():
        return None
    try:
        import jieba
        import jieba.posseg
    except ImportError:
        return None
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = os.path.join(tempfile.gettempdir(), "claimtracker-jieba")
    os.makedirs(tokenizer.tmp_dir, exist_ok=True)
    tokenizer.initialize()
    for word in ROLES:
        tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1000), "role")
    for word in GROUPS | MEDIA:
        if len(word) > 1:
            tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1000), "group")
    for word in _both("記者 记者 採訪 采访 專訪 专访 提問 提问 詢問 询问"):
        tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 5000), "n")
    for word in DOCUMENTS:
        if len(word) > 2:  # "起訴書" one word, not "起訴/書"
            tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1000), "n")
    for word in PLACES:
        tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1000), "nt")
    for word in SAY | BEFORE:
        if len(word) > 1:
            tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1000), "v")
    return jieba.posseg.POSTokenizer(tokenizer)


def available() -> bool:
    return load() is not None


def version() -> str:
    try:
        import jieba

        return f"jieba {jieba.__version__}"
    except ImportError:
        return ""


@dataclass
class Tok:
    word: str
    flag: str
    start: int
    end: int
    latin: str = ""  # "米勒(Matthew Miller)": the name in Latin script given after it
    known: object = None  # a gazetteer entry the token is

    @property
    def nominal(self) -> bool:
        return self.flag[:1] == "n" or self.flag in ("j", "eng", "role", "group", "title", "known")


def tokens(text: str, start: int, end: int, gaz: Gazetteer) -> list[Tok]:
    """The words of text[start:end] with absolute offsets: gazetteer names, 《titles》 and Latin runs one word
    each; a Latin name in brackets after a word is that word's `latin`."""
    out: list[Tok] = []
    at = start
    for word, flag in _cut(text[start:end]):
        k = _glued(word)
        if k:
            # "在電話會議上稱", "媒體報導": jieba's one word is a place word or a source, and the cue
            first = ("f" if word[:1] in "上中时時后後" else "d") if k == 1 else flag if flag != "v" else "n"
            out.append(Tok(word[:k], first, at, at + k))
            out.append(Tok(word[k:], "v", at + k, at + len(word)))
        else:
            out.append(Tok(word, flag, at, at + len(word)))
        at += len(word)
    out = [_retag(t) for t in out]
    out = _split_notice(out)
    dates = [(start + m.start(), start + m.end(), None) for m in _DATE.finditer(text[start:end]) if m.group()]
    out = _merge_spans(out, dates, text, flag="t")
    out = _merge_spans(out, [(h.start, h.end, h.known) for h in gaz.find(text, start, end)], text)
    titles = [(m.start(), m.end(), None) for m in re.finditer(r"《[^《》]{1,40}》", text[start:end])]
    out = _merge_spans(out, [(start + a, start + b, k) for a, b, k in titles], text, flag="title")
    latin = [
        (start + m.start(), start + m.end(), None)
        for m in re.finditer(r"[A-Za-z][\w.'&-]*(?: [A-Za-z][\w.'&-]*)*", text[start:end])
    ]
    out = _merge_spans(out, latin, text, flag="eng")
    merged: list[Tok] = []
    i = 0
    while i < len(out):
        t = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (
            t.flag in ("nr", "nrt", "nrfg")
            and nxt is not None
            and nxt.word in ("·", "・", "•")
            and i + 2 < len(out)
            and out[i + 2].flag in ("nr", "nrt", "nrfg", "n", "nz")
        ):
            # "凱西·萊斯加克": a transliterated name is one word
            last = i + 2
            while last + 1 < len(out) and out[last + 1].flag in ("nr", "nrt") and out[last].latin == "":
                last += 1  # "萊斯/nrt 加克/nr"
            out[last] = Tok(
                text[t.start : out[last].end], "nrt", t.start, out[last].end, latin=out[last].latin
            )
            i = last
            continue
        if (
            merged
            and merged[-1].flag == "role"
            and t.word[:1] in SURNAMES
            and t.flag not in ("role", "group", "known")
        ):
            # "市長陳大同": after a role, a surname and one or two characters are a name (jieba often
            # tags traditional names character by character)
            last, size = i, len(t.word)
            while (
                size < 3
                and last + 1 < len(out)
                and _CJK.fullmatch(out[last + 1].word)
                and len(out[last + 1].word) <= 2
                and size + len(out[last + 1].word) <= 3
                and out[last + 1].flag not in ("role", "group", "known", "t", "p", "v", "f", "uj")
                and not _is_time(out[last + 1])
            ):
                last += 1
                size += len(out[last].word)
            if 2 <= size <= 3 and _CJK.fullmatch(text[t.start : out[last].end]):
                out[last] = Tok(
                    text[t.start : out[last].end], "nr", t.start, out[last].end, latin=out[last].latin
                )
                i = last
                merged.append(out[i])
                i += 1
                continue
        if (
            (t.flag == "nr" or t.word in SURNAMES and t.flag in ("ng", "x", "nr"))
            and len(t.word) == 1
            and nxt is not None
            and 1 <= len(nxt.word) <= 2
            and (nxt.flag in ("n", "nr", "ng", "nz", "a", "an") if t.flag == "nr" else nxt.flag == "nr")
            and _CJK.fullmatch(nxt.word)
        ):
            # "王/nr 良玉/n": a surname and a given name jieba split
            out[i + 1] = Tok(t.word + nxt.word, "nr", t.start, nxt.end)
            i += 1
            continue
        if (
            t.word in "(（"
            and i + 2 < len(out)
            and out[i + 1].flag == "eng"
            and out[i + 2].word in ")）"
            and merged
            and merged[-1].nominal
        ):
            merged[-1].latin = out[i + 1].word
            merged[-1].end = out[i + 2].end
            i += 3
            continue
        merged.append(t)
        i += 1
    return _names_before_cues(merged, text)


# Tags a character of a name may get from jieba (unseen traditional characters come out as n, nr, x or zg).
_NAME_PART = frozenset(("nr", "nrt", "nrfg", "ng", "n", "nz", "x", "zg", "g"))


def _names_before_cues(toks: list[Tok], text: str) -> list[Tok]:
    """Words jieba cut apart that open a clause right before a speech verb: a surname and one or two
    characters are a person ("陳/x 大同/d 說", a traditional name its model never saw: its characters may
    come tagged as adverbs); a word and 報 are a paper ("聯合/v 報/n 引述"). A surname character tagged a
    preposition or an adverb is that word ("向記者表示", "曾公開表示")."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        opens = not out or _break(out[-1]) or out[-1].word in BEFORE
        found = None
        if opens and len(t.word) == 1 and t.word in SURNAMES and t.flag in _NAME_PART:
            for last in (i + 1, i + 2):
                if last + 1 >= len(toks) or toks[last + 1].word not in SAY:
                    continue
                word = text[t.start : toks[last].end]
                if (
                    2 <= len(word) <= 3
                    and _CJK.fullmatch(word)
                    and all(x.flag in _NAME_PART or x.flag in ("d", "a") for x in toks[i + 1 : last + 1])
                ):
                    found = (last, "nr")
                    break
        elif (
            opens
            and i + 2 < len(toks)
            and toks[i + 1].word in ("报", "報")
            and 1 <= len(t.word) <= 3
            and _CJK.fullmatch(t.word)
            and t.flag not in ("role", "group", "known", "t", "m", "p", "r", "d", "c")
            and (toks[i + 2].word in SAY or toks[i + 2].word in CITING)
        ):
            found = (i + 1, "nt")
        if found is None:
            out.append(t)
            i += 1
            continue
        last, flag = found
        out.append(Tok(text[t.start : toks[last].end], flag, t.start, toks[last].end, latin=toks[last].latin))
        i = last + 1
    return out


_HAN = re.compile(r"([\u4e00-\u9fff]+)")
# Parts of speech the tagger may give a character its model has never seen (most traditional characters):
# without a limit it tries all 163 states at each such character (traditional text read ~10x slower, no better).
_UNSEEN_TAGS = ("n", "nr", "ns", "v", "d")


class _States(dict):
    """jieba's character → states table, with a short list of states for unseen characters."""

    def __init__(self, table: dict):
        super().__init__(table)
        self.unseen = tuple((p, t) for t in _UNSEEN_TAGS for p in "BMES")

    def get(self, key, default=None):
        return super().get(key) or self.unseen


@lru_cache(maxsize=1)
def _states() -> _States:
    from jieba.posseg import char_state_tab_P

    return _States(char_state_tab_P)


def _cut(sentence: str):
    """(word, tag) pairs: jieba.posseg's route through its dictionary, and its HMM for the runs of characters
    outside the dictionary (names, traditional words), restricted for characters its model never saw."""
    pos = load()
    pos.makesure_userdict_loaded()
    tags, freq = pos.word_tag_tab, pos.tokenizer.FREQ
    for block in _HAN.split(sentence):
        if not block:
            continue
        if not _HAN.fullmatch(block):
            for w in pos.cut(block, HMM=False):
                yield w.word, w.flag
            continue
        dag = pos.tokenizer.get_DAG(block)
        route: dict = {}
        pos.tokenizer.calc(block, dag, route)
        x, buf, n = 0, "", len(block)
        while x <= n:
            y = route[x][1] + 1 if x < n else n + 1
            if x < n and y - x == 1:
                buf += block[x]
            else:
                if len(buf) == 1 or buf and freq.get(buf):
                    yield from ((c, tags.get(c, "x")) for c in buf)
                elif buf:
                    yield from _hmm(buf)
                buf = ""
                if x < n:
                    yield block[x:y], tags.get(block[x:y], "x")
            x = y


def _hmm(chars: str):
    import jieba.posseg as jp

    _, states = jp.viterbi(chars, _states(), jp.start_P, jp.trans_P, jp.emit_P)
    begin = 0
    for i, (place, tag) in enumerate(states):
        if place == "B":
            begin = i
        elif place in "ES":
            yield chars[begin if place == "E" else i : i + 1], tag
            begin = i + 1
    if begin < len(chars):
        yield chars[begin:], states[begin][1]


_NUM = "0-9０-９〇零一二三四五六七八九十百两兩"
# Dates and times as one word: "2023年3月", "14日下午", "9月18日上午8时许", "十四日晚間", "上週五".
_DATE = re.compile(
    rf"(?:(?:[{_NUM}]{{2,4}}年)?(?:[{_NUM}]{{1,3}}月(?:初|中|底|末|上旬|中旬|下旬)?)?[{_NUM}]{{1,3}}[日号號]"
    rf"|[{_NUM}]{{2,4}}年(?:[{_NUM}]{{1,3}}月)?|[{_NUM}]{{1,3}}月(?:初|中|底|末|上旬|中旬|下旬)?"
    r"|(?:今|昨|前|明)(?:天|日|晨|晚|早)|本週|本周|上週|上周|下週|下周|[上本下]?(?:週|周|星期)[一二三四五六日天])"
    r"(?:(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|晚間|深夜|夜间|夜間|早间|早間|午间|午間|间|間)?"
    rf"(?:[{_NUM}]{{1,3}}[时時点點](?:[{_NUM}]{{1,2}}分|半)?(?:许|許|左右)?)?)?"
)
_DIGITS = re.compile(r"^[0-9０-９][0-9０-９.,．％%]*$")
# Publishing a notice: "發布公告", "发文", "发布消息" — the verb between the publisher and the cue.
_PUBLISH = re.compile(
    r"^(?:发布|發布|發佈|发表|發表|发出|發出|公布|公佈|刊发|刊發|刊登|贴出|貼出|发|發)"
    r"(?:公告|通告|通报|通報|通知|声明|聲明|消息|文章|报告|報告|数据|數據|文|帖|帖文|推文|新闻稿|新聞稿)?$"
)
# Documents and findings credited to their author ("法院判决书显示", "国家统计局数据显示", "公司财报显示",
# "北京大学的一项研究显示": the court, the bureau, the company, the university). Without an author
# ("研究显示", "据起诉书") the statement is still attributed: to an unnamed source, the document itself,
# so a reviewer sees the claim rests on a study or a filing and not on the reporter.
DOCUMENTS = _both(
    "判决书 判決書 裁定书 裁定書 判决 判決 起诉书 起訴書 诉状 訴狀 起诉状 起訴狀 判决文书 判決文書 "
    "财报 財報 年报 年報 季报 季報 财务报告 財務報告 招股书 招股書 数据 數據 统计数据 統計數據 "
    "研究 调查 調查 研究报告 研究報告 民调 民調 报表 報表 文件 资料 資料 论文 論文"
)
_FINDINGS = frozenset(DOCUMENTS) | frozenset(_both("报告 報告"))
# What a body publishes its words in: "X公告稱", "X通報稱", "X官網發布消息稱": the source is X.
NOTICES = frozenset(
    _both(
        "公告 通告 通报 通報 通知 声明 聲明 公报 公報 新闻稿 新聞稿 官网 官網 网站 網站 微博 官方微博 "
        "公众号 公眾號 微信公众号 推特 脸书 臉書 帖文 推文 文章 报告 報告 回复 回覆 函"
    )
    + DOCUMENTS
)
# A rumour with no source is not a statement: "市場傳聞稱", "有消息指", "坊間傳言".
_RUMOUR = re.compile(
    r"^(?:有|另有|亦有|也有|还有|還有)?(?:市场|市場|坊间|坊間|网络|網絡|網路|网上|網上|业界|業界|外界|社会|社會|"
    r"圈内|圈內|江湖)?(?:上)?(?:的)?(?:传闻|傳聞|传言|傳言|谣言|謠言|谣传|謠傳|流言|消息|说法|說法|风声|風聲|"
    r"网传|網傳|小道消息)$"
)


def _retag(t: Tok) -> Tok:
    """Digits are numbers (jieba tags them like Latin words); "發布公告" is a verb; "該報" a determiner."""
    if _DIGITS.match(t.word):
        return replace(t, flag="m")
    if t.word in _FINDINGS and t.flag == "vn":
        return replace(t, flag="n")  # "一項研究/vn顯示": the study
    if _PUBLISH.match(t.word) and t.flag not in ("role", "group", "known"):
        return replace(t, flag="v")
    if len(t.word) >= 2 and t.word[:1] in _DETERMINERS and t.word[1:] in _DETERMINED:
        return replace(t, flag="r")
    return t


def _split_notice(toks: list[Tok]) -> list[Tok]:
    """ "公司公告/n": jieba's one word is the publisher and the notice."""
    out = []
    for t in toks:
        cut = next(
            (k for k in range(1, len(t.word)) if t.word[k:] in NOTICES and len(t.word) - k >= 2),
            None,
        )
        if cut is not None and t.flag[:1] == "n" and t.word[:cut] not in _DETERMINERS:
            out.append(Tok(t.word[:cut], "n", t.start, t.start + cut))
            out.append(Tok(t.word[cut:], "n", t.start + cut, t.end))
        else:
            out.append(t)
    return out


def _glued(word: str) -> int:
    """Where a cue glued to the word before it starts (0: none)."""
    if word in SAY or len(word) < 2:
        return 0
    if word[1:] in SAY and word[:1] in "上中时時后後並并還还也又則则亦再":
        return 1
    for k in range(1, len(word) - 1):
        if word[k:] in SAY and (word[:k] in MEDIA or word[:k] in GROUPS and len(word[:k]) > 1):
            return k
        if word[k:] in REPORTS and word[:k] in ("新闻", "新聞", "电视", "電視"):
            return k  # "央視/新聞報道": the outlet's name ends in 新聞, and the cue
    return 0


def _merge_spans(toks: list[Tok], spans, text: str, flag: str = "known") -> list[Tok]:
    for a, b, known in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        inside = [i for i, t in enumerate(toks) if t.start < b and a < t.end]
        if not inside:
            continue
        i, j = inside[0], inside[-1]
        if toks[i].start < a or toks[j].end > b:
            if flag != "known":
                continue
            a, b = min(a, toks[i].start), max(b, toks[j].end)
        if j == i and toks[i].flag in (flag, "known"):
            continue
        inner = [t.known for t in toks[i : j + 1] if t.known is not None]
        if known is None and len(inner) == 1:
            known, flag = inner[0], "known"  # "《彭博社》": the known name in title marks
        word = text[a:b]
        toks[i : j + 1] = [Tok(word, flag, a, b, known=known)]
    return toks


def _break(t: Tok) -> bool:
    """A word that ends a clause: punctuation (but not the enumeration comma)."""
    return t.word in _CLAUSE or (t.flag == "x" and t.word.strip() == "" and "\n" in t.word)


def _is_time(t: Tok) -> bool:
    return t.flag in ("t", "tg") or bool(_TIME.search(t.word)) and t.flag not in ("role", "group", "known")


def cues_in(text: str, start: int, end: int, gaz: Gazetteer, memory: Memory, quoted=()) -> list[Cue]:
    """Cues of the sentence text[start:end], each carrying its chain (`Cue.sources`)."""
    excluded = [(start + m.start(), start + m.end()) for m in _DATELINE.finditer(text[start:end])]
    wire = _WIRE_DATELINE.match(text, start, end)
    if wire:
        excluded.append(wire.span())
    toks = [t for t in tokens(text, start, end, gaz) if not any(a <= t.start < b for a, b in excluded)]
    _note_mentions(memory, toks, quoted)
    cues: list[Cue] = []
    taken: set[int] = set()
    for i, t in enumerate(toks):
        if i in taken or any(a <= t.start < b for a, b in quoted):
            continue
        if t.word in BEFORE and (i == 0 or toks[i - 1].word not in CITING) and not _cites_mid_clause(toks, i):
            cue = _before_cue(text, toks, i, memory, taken)
        elif t.word in SAY and _is_cue(toks, i):
            cue = _after_cue(text, toks, i, memory)
        elif t.word in LEARNT or (
            t.word in ("了解", "瞭解") and toks[i + 1 : i + 2] and toks[i + 1].word == "到"
        ):
            cue = _learnt_from(text, toks, i, memory)
        else:
            cue = None
        if cue is not None:
            cues.append(cue)
    return cues


def _learnt_from(text: str, toks: list[Tok], i: int, memory: Memory) -> Cue | None:
    """ "記者從市交通局獲悉", "从知情人士处了解到": what the reporter learnt from a named source."""
    j = _clause_start(toks, i)
    frm = next((n for n in range(i - 1, j - 1, -1) if toks[n].word in ("从", "從", "自")), None)
    if frm is None:
        return None
    seg = toks[frm + 1 : i]
    while seg and seg[-1].word in ("处", "處", "那里", "那裡", "方面"):
        seg = seg[:-1]
    source = _source(text, seg, memory, toks[i].word) if seg else None
    if source is None:
        return None
    cue = toks[i]
    return Cue(
        cue.word,
        cue.start,
        cue.end,
        source.start,
        source.end,
        report=False,
        subject=False,
        how="jieba",
        sources=[source],
    )


def _cites_mid_clause(toks: list[Tok], i: int) -> bool:
    """ "法新社援引警方的話報導": 援引 after a subject is a citing verb inside a source, not a cue."""
    if toks[i].word not in CITING or toks[i].word in ("据", "據", "根据", "根據"):
        return False
    return any(t.nominal for t in toks[_clause_start(toks, i) : i])


def _is_cue(toks: list[Tok], i: int) -> bool:
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    prev = toks[i - 1] if i else None
    if nxt is not None and (
        nxt.flag == "f"
        or nxt.word in ("的", "之", "内容", "內容")
        or (nxt.word[:1] in "会會" and nxt.flag[:1] in ("t", "n", "f"))
    ):
        return False  # "相關報導中", "報導的內容", "說明會"
    ahead = toks[i + 1 : i + 4]
    de = next((n for n, x in enumerate(ahead) if x.flag == "uj"), None)
    opening = not any(x.nominal for x in toks[_clause_start(toks, i) : i])
    if opening and de is not None and all(x.nominal for x in ahead[:de]):
        return False  # "透露消息的官員": a relative clause, not a cue
    if any(x.word in _NEGATION for x in toks[max(0, i - 3) : i]):
        return False  # "未有回覆", "拒絕發表聲明": no statement made
    if t.word in _SHOWS and (prev is None or not prev.word.endswith(tuple(NOTICES))):
        return False  # "画面显示": what a screen shows, not what a filing or a study says
    if (
        t.word in _NOUNISH
        and prev is not None
        and (
            prev.word in ("的", "相关", "相關", "篇", "份", "项", "項", "则", "則")
            or prev.word in _DETERMINERS
        )
    ):
        return False
    return True


def _clause_start(toks: list[Tok], i: int) -> int:
    j = i
    while j > 0 and not _break(toks[j - 1]):
        j -= 1
    return j


def _after_cue(text: str, toks: list[Tok], i: int, memory: Memory) -> Cue | None:
    """ "X(…)表示": the subject opening the clause; a clause without one borrows the previous clause's."""
    cue = toks[i]
    j = _clause_start(toks, i)
    chain = _subject_chain(text, toks, j, i, memory, cue.word)
    hops = 0
    while chain is None and hops < 2 and j > 0 and toks[j - 1].word in "，,":
        # "柯比…回答記者提問，指出…": the subject of the clause before
        k = _clause_start(toks, j - 1)
        said = next((n for n in range(k, j - 1) if toks[n].word in SAY or toks[n].word in BEFORE), None)
        if said is not None:
            if toks[said].word in REPORTS and said > k:
                # "FT報導習近平在…時，曾透露…": what the outlet reports the person said
                outer = _subject_chain(text, toks, k, said, memory, toks[said].word)
                inner = _source(text, toks[said + 1 : j - 1], memory, cue.word)
                if outer and inner is not None and inner.kind == PERSON:
                    chain = [*outer, inner]
            break
        if any(toks[n].word in SAY or toks[n].word in BEFORE for n in range(0, k)):
            break  # a clause inside what an earlier cue of the sentence reports
        chain = _subject_chain(text, toks, k, j - 1, memory, cue.word, whole=False)
        j, hops = k, hops + 1
    if not chain:
        return None
    a, b = chain[0].start, chain[-1].end
    return Cue(
        cue.word,
        cue.start,
        cue.end,
        min(a, b),
        max(a, b),
        report=cue.word in REPORTS,
        subject=True,
        how="jieba",
        sources=chain,
    )


def _before_cue(text: str, toks: list[Tok], i: int, memory: Memory, taken: set[int]) -> Cue | None:
    """ "據X報導", "根據X", "援引X": the phrase after the cue, up to the reporting verb."""
    cue = toks[i]
    if i + 1 < len(toks) and toks[i + 1].word in _NO_SOURCE_AFTER:
        return None
    k = i + 1
    while k < len(toks) and not _break(toks[k]) and toks[k].word not in SAY and k - i < 16:
        k += 1
    if k < len(toks) and toks[k].word in SAY:
        k += 1  # the reporting verb closes this cue: it is not a cue of its own
    taken.update(range(i + 1, k))
    if k > i + 1 and toks[k - 1].word in SAY:
        k -= 1
    chain = _subject_chain(text, toks, i + 1, k, memory, cue.word)
    if not chain:
        return None
    return Cue(
        cue.word,
        cue.start,
        cue.end,
        chain[0].start,
        chain[-1].end,
        report=True,
        subject=False,
        how="jieba",
        sources=chain,
    )


def _subject_chain(
    text: str, toks: list[Tok], j: int, i: int, memory: Memory, cue: str, whole: bool = True
) -> list[Source] | None:
    """The sources named by toks[j:i] (before a cue): the subject noun phrase, and a deeper one after a
    citing verb inside it ("路透社援引知情人士報導")."""
    seg = toks[j:i]
    cut = next((n for n, t in enumerate(seg) if t.word in CITING and n > 0), None)
    if cut is not None:
        outer = _source(text, seg[:cut], memory, cue, whole=True)
        inner = None if _rumour(seg[cut + 1 :]) else _source(text, seg[cut + 1 :], memory, seg[cut].word)
        chain = [s for s in (outer, inner) if s is not None]
        return chain or None
    if _rumour(seg):
        return []  # "市場傳聞稱", "有消息指": no source, and no statement (not the clause before's either)
    source = _source(text, seg, memory, cue, whole=whole)
    if source is None:
        return None
    chain = [source]
    listener = _listener(text, seg, memory)
    if listener is not None and listener.kind == OUTLET and source.kind != OUTLET:
        chain.insert(0, listener)  # "知情人士向《彭博社》指出": the outlet's sources
    return chain


def _rumour(seg: list[Tok]) -> bool:
    """ "市场传闻", "有消息", "坊間傳言": hearsay that names no one."""
    words = [t for t in seg if t.flag != "x" and not _is_time(t)]
    while (
        words and words[0].word in _LEAD_SKIP and words[0].word not in ("有", "另有", "也", "亦", "还", "還")
    ):
        words = words[1:]
    return bool(words) and bool(_RUMOUR.match("".join(t.word for t in words)))


def _noun_phrase(seg: list[Tok]) -> tuple[int, int]:
    """Where the subject noun phrase of a clause lies in `seg`: after connectives and time words, up to
    the first preposition, adverb, time word or verb (a verb only inside a relative clause ending in 的)."""
    a = 0
    while (
        a < len(seg)
        and seg[a].word not in _DETERMINERS
        and (
            seg[a].word in _LEAD_SKIP
            or _is_time(seg[a])
            or seg[a].flag in ("c", "d", "y", "e", "o", "ul", "uj", "x", "m")
            and not _count_word(seg[a])
            and seg[a].flag != "eng"
        )
    ):
        a += 1
    b = a
    while b < len(seg):
        t = seg[b]
        if t.nominal and not _is_time(t) or b == a and t.word in _DETERMINERS:
            b += 1
        elif t.word in ("、", "和", "与", "與", "及", "以及", "跟") and b > a:
            b += 1
        elif t.flag == "s" and b + 1 < len(seg) and seg[b + 1].nominal and not _is_time(seg[b + 1]):
            b += 1  # "当地官员", "海外媒体": a place word modifying the head
        elif (
            _count_word(t)
            or (t.flag in ("b", "a", "q", "r") and b == a)
            or (t.flag == "uj" and b > a)
            or (t.flag == "q" and b > a and _count_word(seg[b - 1]))
        ):
            b += 1  # "3/m 名/q 官員": a count and its measure word
        elif _PUBLISH.match(t.word):
            break  # "證監會發布公告表示": the publisher ends at the publishing verb
        elif (
            t.flag[:1] in ("v", "d", "l", "i")
            and not any(x.nominal for x in seg[a:b])
            and _relative_clause(seg, b)
        ):
            b = _relative_clause(seg, b)  # "不願透露姓名的官員": a relative clause ending in 的
        elif t.flag[:1] == "v" or t.flag in ("a", "an", "b"):
            # "退役軍官", "溝通顧問柯比": a verb modifying the head that follows within three words
            head = next(
                (
                    n
                    for n in range(b + 1, min(len(seg), b + 4))
                    if seg[n].flag in ("role", "group", "nr", "nrt", "nrfg")
                    and all(seg[m].flag[:1] in ("n", "v", "a", "b") for m in range(b + 1, n))
                ),
                None,
            )
            if head is not None:
                b = head + 1
                continue
            # "熟悉華府想法的人士": a relative clause ending in 的
            ahead = next((n for n in range(b + 1, len(seg)) if seg[n].flag == "uj"), None)
            if ahead is None or any(
                seg[n].flag[:1] in ("p", "d") or _is_time(seg[n]) for n in range(b, ahead)
            ):
                break
            b = ahead + 1
        else:
            break
    while b > a and (
        seg[b - 1].flag[:1] in ("u", "c") or seg[b - 1].word in ("、", "和", "与", "與", "及", "跟")
    ):
        b -= 1
    return a, b


def _relative_clause(seg: list[Tok], b: int) -> int:
    """The index after the 的 closing a relative clause that starts at seg[b] and modifies a noun (0: none)."""
    for n in range(b, min(len(seg) - 1, b + 8)):
        t = seg[n]
        if t.flag == "uj":
            return n + 1 if n > b and seg[n + 1].nominal else 0
        if not (t.nominal or t.flag[:1] in ("v", "d", "a", "l", "i")) or _is_time(t) or t.flag == "known":
            return 0
    return 0


def _count_word(t: Tok) -> bool:
    return t.flag in ("m", "mq") and bool(
        re.match(r"^(?:[一二两兩三四五六七八九十数數多几幾]|\d)+[名位个個家]?$", t.word)
    )


def _source(text: str, seg: list[Tok], memory: Memory, cue: str, whole: bool = True) -> Source | None:
    if not seg:
        return None
    rest = [t for t in seg if t.word not in _LEAD_SKIP and not _is_time(t) and t.flag != "x"]
    there_are = [t for t in seg if t.flag != "x" and not _is_time(t)]
    if len(there_are) == 2 and there_are[0].word in _THERE_ARE and there_are[1].word in _REPORT_NOUN:
        t = there_are[1]  # "有報導指": reports no one names, not the outlet credited before
        return Source(UNNAMED, description=t.word, cue=cue, phrase=t.word, start=t.start, end=t.end)
    if rest and "".join(t.word for t in rest) in _REPORT_NOUN:
        phrase = text[rest[0].start : rest[-1].end]
        return _last_outlet(
            memory, rest[0].start, {"cue": cue, "phrase": phrase, "start": rest[0].start, "end": rest[-1].end}
        )
    a, b = _noun_phrase(seg)
    np = seg[a:b]
    if len(np) > 1 and np[-1].word in _FINDINGS and np[-1].flag != "known":
        document = np[-1]
        np = np[:-1]  # "北京大学的一项新研究": the university; "法院的判决书": the court
        while np and (np[-1].flag in ("uj", "m", "mq", "q", "a", "b") or _count_word(np[-1])):
            np = np[:-1]
        if not np or all(t.flag in ("m", "mq", "q", "a", "b", "r") for t in np):
            return Source(
                UNNAMED,
                description=document.word,
                cue=cue,
                phrase=text[seg[a].start : document.end],
                start=seg[a].start,
                end=document.end,
            )
    while (
        len(np) > 1
        and (np[-1].word in NOTICES or np[-1].word in ("方面", "一方") or np[-1].flag == "uj")
        and np[-1].flag != "known"
    ):
        np = np[:-1]  # "警方通報稱", "公司公告稱", "公司方面表示": the body that published the notice
    if not np:
        return None
    if whole is False and a > 0 and seg[0].flag[:1] == "p":
        return None
    phrase = text[np[0].start : np[-1].end]
    s, e = np[0].start, np[-1].end
    base = {"cue": cue, "phrase": phrase, "start": s, "end": e}
    words = [t.word for t in np]
    if _BYLINE.search(phrase) or _OWN.match(phrase):
        return None  # "記者X/台北報導": a byline; "本報": the article's own outlet
    if all(t.flag in ("m", "mq", "t", "tg", "q") or _is_time(t) for t in np):
        return None  # a number, a date or a time is never a source
    head = np[-1]
    if len(np) == 1 and head.word in NOTICES:
        # "公告稱", "聲明指出": the notice of the body that spoke last
        found = _last_speaker(memory, s, base, lambda x: x.kind == ORGANISATION)
        if found is None and head.word in _FINDINGS:
            # "研究显示", "据起诉书": a study or a filing no one is named for
            return Source(UNNAMED, description=head.word, **base)
        return found
    if len(np) == 1 and head.word in _PRONOUNS:
        if head.word.endswith(("们", "們")):
            group = _last_group(memory, s, base)
            if group is not None:
                return group
        else:
            # "他表示", "她說", "其指出": the person (for 其 also the body) who spoke last
            found = _last_speaker(
                memory,
                s,
                base,
                lambda x: (
                    x.kind == PERSON
                    or (x.kind == UNNAMED and x.count == 1)
                    or (head.word == "其" and x.kind == ORGANISATION)
                ),
            )
            if found is not None:
                return found
            if head.word == "其":
                return None
        return Source(UNRESOLVED, resolved_from=phrase, **base)
    if np[0].word in _DETERMINERS or np[0].word[:1] in _DETERMINERS and np[0].flag == "r":
        if head.word in _REPORT_NOUN or OUTLET_SUFFIX.search(head.word):
            return _last_outlet(memory, s, base)
        if head.flag == "role" and len(np) > 1:
            # "該公司發言人": a person known by role at the organisation named before
            org = memory.resolve(Source(UNRESOLVED, phrase=text[s : head.start]), s)
            if org is not None and org.name:
                return Source(PERSON, name=None, role=head.word, affiliation=org.name, **base)
        return Source(UNRESOLVED, resolved_from=phrase, **base)
    if "".join(words) in _REPORT_NOUN:
        return _last_outlet(memory, s, base)  # "報導指": the outlet just credited
    persons = [
        n
        for n, t in enumerate(np)
        if t.flag in ("nr", "nrt", "nrfg", "nrf")
        and not _org_like(t.word)
        or (t.flag == "eng" and n and np[n - 1].flag == "role")
    ]
    if not persons and len(np) >= 2 and np[-2].flag == "role" and _name_like(np[-1]):
        persons = [len(np) - 1]  # "總統普京": jieba took the name for a place
    known = [n for n, t in enumerate(np) if t.known is not None]
    if persons and persons[-1] >= len(np) - 2 and all(t.flag == "role" for t in np[persons[-1] + 1 :]):
        n = persons[-1]
        t = np[n]
        before = np[:n]
        roles = [x.word for x in before + np[n + 1 :] if x.flag == "role"]
        hit = next((x.known for x in before if x.known is not None), None)
        return Source(
            PERSON,
            name=t.latin or t.word,
            role=" ".join(roles),
            affiliation=hit.name if hit is not None else _affiliation(before),
            **base,
        )
    if known:
        n = known[-1]
        k = np[n].known
        if (
            n == len(np) - 1
            or all(x.flag in ("group", "role", "n") for x in np[n + 1 :])
            and k.kind == OUTLET
        ):
            rest = np[n + 1 :]
            if rest and rest[-1].flag == "group" and rest[-1].word not in MEDIA and rest[-1].word != "消息":
                # "路透社消息人士": the outlet's unnamed sources
                return _group(np, base, affiliation=k.name)
            if rest and rest[-1].flag == "role":
                return Source(PERSON, name=None, role=rest[-1].word, affiliation=k.name, **base)
            return Source(k.kind, name=k.name, source_id=k.source_id, **base)
    if head.word in MEDIA or head.flag == "group" and head.word in MEDIA:
        return Source(UNNAMED, description=phrase, **base)  # "外媒", "英國媒體": unnamed media
    media = next((n for n, t in enumerate(np) if t.word in MEDIA), None)
    if media is not None and media < len(np) - 1:
        name_toks = np[media + 1 :]
        name = "".join(t.word for t in name_toks).strip("《》")
        return Source(OUTLET, name=name, **base)  # "英媒《衛報》": that outlet
    if head.flag == "title":
        return Source(
            OUTLET
            if OUTLET_SUFFIX.search(head.word.strip("《》"))
            or cue in ("报道", "報道", "报导", "報導", "据", "據")
            else ORGANISATION,
            name=head.word.strip("《》"),
            **base,
        )
    if (
        head.flag == "group"
        or head.word in GROUPS
        or head.word.endswith(("人士", "官员", "官員", "们", "們"))
    ):
        return _group(np, base)
    if head.flag == "role":
        role = head.word
        found = _by_role(memory, role, s)
        if found is not None and len(np) == 1:
            return replace(found, resolved_from=phrase, **base)
        return Source(PERSON, name=None, role=role, affiliation=_affiliation(np[:-1]), **base)
    if head.flag == "eng":
        return Source(ORGANISATION, name=head.word, **base)
    if OUTLET_SUFFIX.search(head.word) and len(phrase) >= 2 and head.flag != "ns":
        return Source(OUTLET, name=phrase, **base)
    if head.flag in ("nt", "ns", "j") or ORG_SUFFIX.search(head.word):
        return Source(ORGANISATION, name=phrase, **base)
    cjk = _CJK.fullmatch(phrase)
    if cjk and len(np) >= 2 and 2 <= len(phrase) <= 3 and phrase[0] in SURNAMES and len(np) <= 3:
        return Source(PERSON, name=phrase, **base)  # "柯文/nz 哲/n": a name jieba cut in two
    if (
        len(np) >= 2
        and all(t.flag in ("n", "nz", "j", "nt", "ns", "eng", "nr") for t in np)
        and head.flag[:2] != "nr"
        and len(phrase) <= 8
    ):
        return Source(ORGANISATION, name=phrase, **base)  # "台積/n 電/n": a name outside the dictionary
    if len(np) == 1 and head.flag in ("nz", "j") and len(phrase) >= 2:
        return Source(ORGANISATION, name=phrase, **base)
    return None


def _org_like(word: str) -> bool:
    """ "衛福部", "新華社": tagged a person by jieba, named like an organisation or an outlet."""
    return len(word) >= 3 and bool(ORG_SUFFIX.search(word) or OUTLET_SUFFIX.search(word))


def _name_like(t: Tok) -> bool:
    if t.flag in ("role", "group", "known", "title") or t.word in GROUPS or t.word in MEDIA:
        return False
    if t.flag == "eng":
        return True
    return bool(_CJK.fullmatch(t.word)) and 2 <= len(t.word) <= 4 and not ORG_SUFFIX.search(t.word)


def _affiliation(toks: list[Tok]) -> str:
    out = ""
    for t in toks:
        if t.flag == "role" and out and len(t.word) == 2 and t.word[1] in "长長" and t.word[0] in _HEADED:
            if not out.endswith(t.word[0]):
                out += t.word[0]  # "行政院長": the head of 行政院; "台北市長": of 台北市
        elif t.flag not in ("role", "uj", "m") and not _count_word(t):
            out += t.word
    return out


# The body a "X長" heads shares its last character with the role: 院長 of 行政院, 市長 of 台北市.
_HEADED = "部院局署處处司廳厅校社所行會会市州省縣县區区鎮镇村"


def _group(np: list[Tok], base: dict, affiliation: str = "") -> Source:
    phrase = base["phrase"]
    count = None
    for t in np:
        m = re.match(r"^(\d+|[一二两兩三四五六七八九十])", t.word) if _count_word(t) else None
        if m:
            digits = m.group(1)
            count = (
                int(digits)
                if digits.isdigit()
                else "一二三四五六七八九十".find(digits.replace("两", "二").replace("兩", "二")) + 1
            )
            break
    description = "".join(t.word for t in np if not _count_word(t) and t.flag not in ("q",)) or phrase
    return Source(UNNAMED, count=count, description=description, affiliation=affiliation, **base)


def _listener(text: str, seg: list[Tok], memory: Memory) -> Source | None:
    """ "向《彭博社》", "對路透社", "接受《X》採訪": whom the source told."""
    for n, t in enumerate(seg):
        if t.word in ("向", "对", "對", "告诉", "告訴", "接受") and n + 1 < len(seg):
            nxt = seg[n + 1]
            if nxt.known is not None and nxt.known.kind == OUTLET:
                return Source(
                    OUTLET,
                    name=nxt.known.name,
                    source_id=nxt.known.source_id,
                    phrase=nxt.word,
                    start=nxt.start,
                    end=nxt.end,
                )
            if nxt.flag == "title":
                return Source(
                    OUTLET, name=nxt.word.strip("《》"), phrase=nxt.word, start=nxt.start, end=nxt.end
                )
    return None


def _last_speaker(memory: Memory, pos: int, base: dict, keep) -> Source | None:
    """The entity `keep` accepts that was credited most recently before `pos`, carrying `base`'s words."""
    best = None
    for entity in memory.entities.values():
        if keep(entity.source) and 0 <= entity.last_speaker <= pos:
            if best is None or entity.last_speaker > best.last_speaker:
                best = entity
    if best is None:
        return None
    return replace(best.source, resolved_from=base["phrase"], **base)


def _last_outlet(memory: Memory, pos: int, base: dict) -> Source | None:
    """ "報導指": the outlet (or the unnamed media) most recently credited before `pos`."""
    return _last_speaker(
        memory,
        pos,
        base,
        lambda s: s.kind == OUTLET or (s.kind == UNNAMED and any(m in s.description for m in MEDIA)),
    )


def _last_group(memory: Memory, pos: int, base: dict) -> Source | None:
    """ "他們稱" after "消息人士稱": the unnamed group that spoke last, before an outlet that reported it."""
    return _last_speaker(memory, pos, base, lambda s: s.kind == UNNAMED and s.count != 1)


def _by_role(memory: Memory, role: str, pos: int) -> Source | None:
    """ "發言人表示" after "國務院發言人米勒": the person named with that role."""
    best = None
    for entity in memory.entities.values():
        s = entity.source
        if s.kind == PERSON and s.name and role in (s.role or "") and entity.last <= pos:
            if best is None or entity.salience > best.salience:
                best = entity
    return best.source if best is not None else None


def _note_mentions(memory: Memory, toks: list[Tok], quoted) -> None:
    """People, organisations and known names outside quotes: antecedents for "他", "該公司"."""
    for n, t in enumerate(toks):
        if any(a <= t.start < b for a, b in quoted):
            continue
        if t.known is not None:
            memory.note(Source(t.known.kind, name=t.known.name, source_id=t.known.source_id), t.start)
        elif t.flag in ("nr", "nrt", "nrfg") and len(t.word) >= 2 and not _org_like(t.word):
            role = toks[n - 1].word if n and toks[n - 1].flag == "role" else ""
            memory.note(Source(PERSON, name=t.latin or t.word, role=role), t.start)
        elif t.flag == "nt" or t.flag[:1] == "n" and ORG_SUFFIX.search(t.word) and len(t.word) >= 3:
            memory.note(Source(ORGANISATION, name=t.word), t.start)


_RUMOUR_OPEN = re.compile(
    r"\s*(?:[^，。,]{0,12}[，,])?\s*(?:有|另有|亦有|也有)?(?:市场|市場|坊间|坊間|网络|網絡|網路|网上|網上|业界|業界|外界)?"
    r"(?:传闻|傳聞|传言|傳言|谣言|謠言|谣传|謠傳|流言|消息|网传|網傳|据传|據傳|盛传|盛傳)"
)


def carry_on(sentences, by_sentence: list[list[Statement]], text: str | None = None) -> None:
    """ "X表示，…。…。": in a paragraph opened by "X said, …", the sentences after it with no cue of their
    own go on with X's words (Chinese news runs a speaker's paraphrase over several sentences)."""
    last: tuple[int, Statement] | None = None
    for i, s in enumerate(sentences):
        found = by_sentence[i]
        if found:
            st = found[0]
            opens = st.content_start > st.start and st.chain[-1].kind in (PERSON, ORGANISATION)
            last = (s.paragraph, st) if opens else None
            continue
        if last is None or last[0] != s.paragraph:
            last = None
            continue
        if s.end - s.start < 6:
            continue  # a stray mark or a sign-off, not a sentence of the speaker's
        if text is not None and _RUMOUR_OPEN.match(text, s.start, s.end):
            continue  # "市場傳聞稱…": hearsay, not the speaker's words
        src = last[1]
        found.append(
            Statement(s.start, s.end, src.chain, quotes=list(s.quotes), cue=src.cue, how="same paragraph")
        )
