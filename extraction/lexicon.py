"""Cue words for Russian and English attribution. Lists, not logic: extend them as the desk finds gaps."""

import re

NUMBERS = {
    # Russian numerals in every case a desk writes them in ("двух источников", "тремя собеседниками").
    **dict.fromkeys("один одна одно одного одной одному одним одном".split(), 1),
    **dict.fromkeys("два две двух двум двумя".split(), 2),
    **dict.fromkeys("три трех трёх трем трём тремя".split(), 3),
    **dict.fromkeys("четыре четырех четырёх четырем четырём четырьмя".split(), 4),
    **dict.fromkeys("пять пяти пятью".split(), 5),
    **dict.fromkeys("шесть шести шестью".split(), 6),
    **dict.fromkeys("семь семи семью".split(), 7),
    **dict.fromkeys("восемь восьми восемью".split(), 8),
    **dict.fromkeys("девять девяти девятью".split(), 9),
    **dict.fromkeys("десять десяти десятью".split(), 10),
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "dozen": 12,
    "a dozen": 12,
}

# Nouns that make an unnamed group: "источники", "two people familiar with the matter".
UNNAMED_NOUN = re.compile(
    r"\b(источник\w*|собеседник\w*|инсайдер\w*|человек|людей|люди|эксперт(?:ы|ов|ам|ами)\b|"
    r"аналитик(?:и|ов|ам)\b|трейдер\w*|чиновник\w*|участник\w*|представител(?:и|ей|ям)\b|сотрудник\w*|"
    r"sources?|people|persons?|insiders?|officials?|executives?|analysts|experts|traders|diplomats?|"
    r"bankers|lawyers|economists|employees?|groups|organi[sz]ations|residents|witnesses|activists|critics|observers|"
    r"survey|poll)\b",
    re.I,
)
# Phrases that say a source is deliberately unnamed, whatever noun it uses.
ANONYMITY = re.compile(
    r"(знаком\w* с|близк\w* к|пожелав\w* остаться неназванн|на условиях анонимности|"
    r"familiar with|with (?:direct )?knowledge|close to|on condition of anonymity|briefed on|"
    r"asked not to be (?:named|identified)|not authori[sz]ed|speaking (?:privately|anonymously))",
    re.I,
)
SINGULAR_UNNAMED = re.compile(
    r"^(?:источник|источника|собеседник|собеседника|инсайдер|чиновник|a source|a person|an official)\b", re.I
)

ROLE_WORDS = {
    # Russian (nominative and the genitive that follows "по словам", "по мнению")
    "глава",
    "главы",
    "основатель",
    "основателя",
    "сооснователь",
    "сооснователя",
    "гендиректор",
    "гендиректора",
    "директор",
    "директора",
    "генеральный",
    "генерального",
    "председатель",
    "председателя",
    "министр",
    "министра",
    "президент",
    "президента",
    "премьер-министр",
    "эксперт",
    "эксперта",
    "аналитик",
    "аналитика",
    "экономист",
    "экономиста",
    "главный",
    "главного",
    "представитель",
    "представителя",
    "пресс-секретарь",
    "пресс-секретаря",
    "руководитель",
    "руководителя",
    "замминистра",
    "профессор",
    "профессора",
    "депутат",
    "депутата",
    "губернатор",
    "губернатора",
    "мэр",
    "мэра",
    "посол",
    "посла",
    "вице-премьер",
    "официальный",
    "исследователь",
    # English
    "chief",
    "executive",
    "ceo",
    "founder",
    "co-founder",
    "president",
    "minister",
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "analyst",
    "economist",
    "expert",
    "researcher",
    "professor",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "official",
    "leader",
    "scientist",
    "officer",
    "governor",
    "senator",
    "secretary",
    "negotiator",
    "neurologist",
    "head",
    "adviser",
    "advisor",
    "lawmaker",
}
# Nominative of organisation heads met in the genitive ("по подсчётам Агентства ...").
ORG_HEAD_NOMINATIVE = {
    "агентства": "агентство",
    "министерства": "министерство",
    "службы": "служба",
    "центра": "центр",
    "банка": "банк",
    "комитета": "комитет",
    "института": "институт",
    "университета": "университет",
    "ведомства": "ведомство",
    "управления": "управление",
    "фонда": "фонд",
    "компании": "компания",
}
# Nominative of role nouns met in the genitive ("эксперта по ИИ" -> "эксперт по ИИ").
ROLE_NOMINATIVE = {
    "главы": "глава",
    "основателя": "основатель",
    "сооснователя": "сооснователь",
    "гендиректора": "гендиректор",
    "директора": "директор",
    "генерального": "генеральный",
    "председателя": "председатель",
    "министра": "министр",
    "президента": "президент",
    "эксперта": "эксперт",
    "аналитика": "аналитик",
    "экономиста": "экономист",
    "главного": "главный",
    "представителя": "представитель",
    "пресс-секретаря": "пресс-секретарь",
    "руководителя": "руководитель",
    "профессора": "профессор",
    "депутата": "депутат",
    "губернатора": "губернатор",
    "мэра": "мэр",
    "посла": "посол",
}

OUTLET_WORDS = re.compile(
    r"\b(times|journal|post|news|daily|herald|gazette|telegraph|guardian|tribune|wire|ledger|press|"
    r"reuters|bloomberg|nikkei|bbc|cnn|cnbc|axios|politico|associated press|afp|"
    r"тасс|риа|интерфакс|рбк|коммерсант\w*|ведомост\w*|известия|газет\w*|издани\w*|"
    r"телеканал\w*|радиостанци\w*|журнал\w*)\b",
    re.I,
)
ORG_WORDS = re.compile(
    r"\b(university|institute|college|administration|agency|ministry|department|commission|council|"
    r"authority|union|bank|securities|research|group|holdings?|pharma|motors|airlines?|energy|capital|"
    r"partners|labs?|systems|technologies|corp|corporation|inc|ltd|plc|savings|office|court|police|data|"
    r"consulting|ventures|solutions|services|networks|media|агентств\w*|"
    r"министерств\w*|ведомств\w*|правительств\w*|компани\w*|авиакомпани\w*|банк\w*|центр\w*|служб\w*|"
    r"пресс-служб\w*|университет\w*|институт\w*|мид|минфин\w*|минэнерго|госдум\w*|суд\w*|полици\w*|"
    r"группа|группы|корпораци\w*|концерн\w*|фонд\w*)\b",
    re.I,
)
ORG_HEAD_RU = re.compile(
    r"^(?:в\s+)?(министерств\w*|ведомств\w*|правительств\w*|компани\w*|авиакомпани\w*|пресс-служб\w*|"
    r"банк\w*|центр\w*|аналитическ\w+ центр\w*|служб\w*|мэри\w*|администраци\w*|кремл\w*|офис\w*)\b",
    re.I,
)
# Words that open a sentence with a capital without being a name.
NOT_NAMES = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "by",
    "for",
    "and",
    "but",
    "as",
    "according",
    "citing",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "ms",
    "об",
    "по",
    "как",
    "это",
    "эти",
    "этот",
    "в",
    "на",
    "с",
    "со",
    "из",
    "и",
    "но",
    "ранее",
    "также",
    "при",
    "после",
    "до",
    "его",
    "ее",
    "её",
    "их",
    "он",
    "она",
    "они",
    "согласно",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "some",
    "independent",
    "senior",
    "political",
    "opposition",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
PRONOUNS_PERSON = {"он", "она", "he", "she"}
OUTLET_ANAPHORA = re.compile(
    r"^(?:the\s+)?(?:newspaper|paper|publication|agency|news agency|outlet|broadcaster|magazine|"
    r"издани[еяюи]|газет[аыуеой]|агентств[оауе]|журнал[ауе]?|телеканал[ау]?)$",
    re.I,
)
# Sentences that report an absence of a claim.
NON_CLAIM = re.compile(
    r"(declined to comment|did not (?:immediately )?(?:respond|reply|return)|could not be reached|"
    r"no comment|отказал\w* от комментари|не ответил\w*|не удалось связаться|не комментиру)",
    re.I,
)
# Sentences that step back from the story into background: they do not continue a cited report.
BACKGROUND = re.compile(
    r"^(?:ранее|напомним|как известно|в прошлом году|в \d{4} году|earlier|previously|last year|in \d{4})\b",
    re.I,
)

RU_SAY = (
    r"(?:сообщил[аио]?|сообща(?:ет|ют)|заявил[аи]?|заявлял[аи]?|заявля(?:ет|ют)|отметил[аи]?|отмеча(?:ет|ют)|"
    r"добавил[аи]?|добавля(?:ет|ют)|сказал[аи]?|рассказал[аи]?|пояснил[аи]?|уточнил[аи]?|уточня(?:ет|ют)|"
    r"подчеркнул[аи]?|подтвердил[аи]?|признал[аи]?|пишет|пишут|написал[аи]?|переда[её]т|передают|ответил[аи]?|"
    r"указал[аи]?|указыва(?:ет|ют)|счита(?:ет|ют)|полага(?:ет|ют)|ожида(?:ет|ют)|прогнозиру(?:ет|ют)|"
    r"предупредил[аи]?|утвержда(?:ет|ют)|назвал[аи]?|говорит|говорят|отметив|заявив|сообщив|"
    r"уверен[аы]?|оценива(?:ет|ют)|подсчитал[аи]?)"
)
EN_SAY = (
    r"(?:said|says|told|tells|reported|reports|wrote|writes|added|adds|noted|notes|announced|announces|"
    r"confirmed|confirms|estimated|estimates|estimate|expects|expect|believes|believe|warned|warns|"
    r"called|argued|argues|claimed|claims|stated|explained|predicted|predicts|forecast|forecasts|expected|"
    r"showed|shows|found|disclosed|acknowledged|insisted|has told|have told)"
)
PREDICTION = re.compile(
    r"\b(будет|будут|будем|будете|станет|станут|сохранится|сохранятся|продлится|составит|составят|откроет|откроют|"
    r"займут|займет|займёт|прекратит|приостановит|снизит|повысит|останется|может|могут|планиру\w+|"
    r"намерен\w*|ожида(?:ет|ют|ется|ются)|прогноз\w*|в будущем|вопрос времени|до конца года|"
    r"will|would|may|might|expects?|expected|likely|unlikely|plans? to|is set to|forecasts?|predicts?|"
    r"estimates?|going to|as early as|next (?:week|month|year)|matter of time)\b|"
    r"\bcould(?! not)\b",
    re.I,
)
OPINION = re.compile(
    r"(по мнению|счита\w+|полага\w+|уверен\w*|на взгляд|неизбежн\w*|"
    r"\bbelieves?\b|\bthinks?\b|\bin (?:his|her|their) view\b|\binevitable\b|\bshould\b|\bargu\w+)",
    re.I,
)
