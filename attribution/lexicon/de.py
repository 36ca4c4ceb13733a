"""German cues."""

from . import Lexicon

_VERBS = (
    "sagte",
    "sagt",
    "sagten",
    "sagen",
    "erklärte",
    "erklärt",
    "erklärten",
    "betonte",
    "betont",
    "betonten",
    "schrieb",
    "schreibt",
    "schrieben",
    "berichtete",
    "berichtet",
    "berichten",
    "berichteten",
    "meldete",
    "meldet",
    "melden",
    "warnte",
    "warnt",
    "kritisierte",
    "kritisiert",
    "bestätigte",
    "bestätigt",
    "dementierte",
    "dementiert",
    "bestritt",
    "bestreitet",
    "äußerte",
    "äußert",
    "erläuterte",
    "ergänzte",
    "fügte",
    "teilte",
    "räumte",
    "wies",
    "hieß",
    "heißt",
    "behauptete",
    "behauptet",
    "forderte",
    "fordert",
    "kündigte",
    "versicherte",
    "unterstrich",
    "verwies",
    "zitiert",
    "zitierte",
    "antwortete",
    "sprach",
    "spricht",
    "glaubt",
    "meint",
    "meinte",
    # plurals, separable verbs ("wies … zurück", "forderte … auf"), Swiss spellings, social media
    "forderten",
    "warnten",
    "kritisierten",
    "bestätigten",
    "betonten",
    "teilten",
    "weist",
    "hiess",
    "heisst",
    "verlautbarte",
    "verlautbarten",
    "verlautete",
    "twitterte",
    "twittert",
    "twitterten",
    "postete",
    "postet",
    "mitteilte",
    # participles after "hat" / "hatte" ("X hatte gesagt, …"; "erklärt", "berichtet" above are both):
    # german.py finds the subject before the auxiliary
    "gesagt",
    "mitgeteilt",
    "geschrieben",
    "gemeldet",
    "angekündigt",
    "gewarnt",
)

# Heads of role nouns, also as the last part of a compound ("Bundesfamilienministerin", "Apple-CEO",
# "Cloudsparten-Chef", "Datenschutzbeauftragte"): a capitalised word after one is a name.
ROLE_HEADS = (
    "minister",
    "ministerin",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "präsident",
    "präsidentin",
    "vorsitzende",
    "vorsitzender",
    "direktor",
    "direktorin",
    "kanzler",
    "kanzlerin",
    "abgeordnete",
    "abgeordneter",
    "botschafter",
    "botschafterin",
    "berater",
    "beraterin",
    "analyst",
    "analystin",
    "experte",
    "expertin",
    "gründer",
    "gründerin",
    "geschäftsführer",
    "geschäftsführerin",
    "vorstand",
    "ceo",
    "sekretär",
    "sekretärin",
    "beauftragte",
    "beauftragter",
    "datenschützer",
    "leiter",
    "leiterin",
    "bürgermeister",
    "bürgermeisterin",
    "anwalt",
    "anwältin",
    "richter",
    "richterin",
    "professor",
    "professorin",
    "ökonom",
    "ökonomin",
    "politiker",
    "politikerin",
    "senator",
    "senatorin",
    "manager",
    "managerin",
    "gouverneur",
    "gouverneurin",
    "staatsanwalt",
    "staatsanwältin",
    "autor",
    "autorin",
    "journalist",
    "journalistin",
    "reporter",
    "reporterin",
    "aktivist",
    "aktivistin",
    "ermittler",
)


LEXICON = Lexicon(
    language="de",
    before_source=(
        "laut",
        "nach angaben",
        "nach angaben von",
        "nach informationen",
        "nach informationen von",
        "unter berufung auf",
        "berichtet",
        "berichtete",
        "meldet",
        "meldete",
        "schreibt",
        "schrieb",
        "zitiert",
        "zitierte",
        "nach ansicht",
        "nach einschätzung",
        "nach auffassung",
        "nach darstellung",
        "nach aussage",
        "nach aussagen",
        "nach den worten",
        "nach worten",
        "nach meinung",
        "nach überzeugung",
        "nach erkenntnissen",
        "nach schätzung",
        "nach schätzungen",
        "nach berechnungen",
        "nach recherchen",
        "so",
    ),
    # "so" only before its source ('…", so Cook'); "wie" and a bare "nach" are far more often no cue
    # at all ("nach wie vor", "Dienste wie Gmail"): "wie X berichtete" is found by its verb.
    after_source=_VERBS + ("zufolge",),
    inverted=_VERBS,
    citing=("unter berufung auf", "laut", "nach angaben", "zitiert", "zufolge"),
    unnamed=(
        "insider",
        "insidern",
        "kreise",
        "kreisen",
        "quellen",
        "quelle",
        "personen",
        "person",
        "informanten",
        "beamte",
        "beamten",
        "vertreter",
        "mitarbeiter",
        "regierungskreise",
        "regierungskreisen",
        "branchenkreise",
        "branchenkreisen",
        "experten",
        "analysten",
        "eingeweihte",
        "eingeweihten",
        # compounds name their group by their last part: "Polizeisprecher", "Regierungsbeamte"
        r"re:\w*sprecher",
        r"re:\w*sprecherin",
        r"re:\w*beamte[n]?",
        r"re:\w*kreisen?",
        r"re:\w*insidern?",
    ),
    numbers={
        "ein": 1,
        "eine": 1,
        "einer": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "mehrere": None,
        "mehreren": None,
    },
    pronouns={"er": ("person", "m"), "sie": ("person", "f"), "es": ("organisation", "")},
    descriptions={
        "unternehmen": "organisation",
        "konzern": "organisation",
        "firma": "organisation",
        "ministerium": "organisation",
        "regierung": "organisation",
        "behörde": "organisation",
        "zeitung": "outlet",
        "blatt": "outlet",
        "magazin": "outlet",
        "sprecher": "person",
        "sprecherin": "person",
        "minister": "person",
        "ministerin": "person",
        "chef": "person",
        "chefin": "person",
        "präsident": "person",
        "präsidentin": "person",
    },
    # German compounds name their kind by their last part ("Innenministerium", "Anklagebehörde",
    # "Nachrichtenagentur"): the longer words also match as a compound's head.
    outlet_words=tuple(
        rf"re:\w*{w}" if len(w) > 4 else w
        for w in (
            "zeitung",
            "zeitschrift",
            "magazin",
            "nachrichtenagentur",
            "agentur",
            "sender",
            "blatt",
            "portal",
            "tv",
            "rundfunk",
        )
    ),
    org_words=tuple(
        rf"re:\w*{w}" if len(w) > 4 else w
        for w in (
            "ministerium",
            "regierung",
            "behörde",
            "konzern",
            "unternehmen",
            "bank",
            "partei",
            "amt",
            "bundesamt",
            "kommission",
            "rat",
            "gericht",
            "polizei",
            "ag",
            "gmbh",
            "kanzleramt",
            "bundesregierung",
            "verband",
            "anwaltschaft",
        )
    ),
    media=("medien", "medienberichte", "medienberichten", "presseberichte", "presseberichten", "zeitungen"),
    report_nouns=("bericht", "berichts", "berichte", "artikel", "meldung"),
    # the role heads below, and compounds that read as roles whole
    roles=tuple(dict.fromkeys((*ROLE_HEADS, "vorstandschef", "konzernchef"))),
    report=(
        "berichtet",
        "berichtete",
        "berichten",
        "berichteten",
        "meldet",
        "meldete",
        "schreibt",
        "schrieb",
        "laut",
        "unter berufung auf",
        "zufolge",
    ),
    byline=r"^\s*(?:von|mit material von|mitarbeit|redaktion|text|foto)\s*[:—–-]|^\s*\(?(?:dpa|afp|reuters|ap)(?:/\w+)*\)?\s*$",
    stop_words=("dass", "ob", "der", "die", "das", "und", "aber", "am", "im", "in"),
    not_names=tuple(
        """der die das den dem des ein eine einer einem einen eines er sie es wir ihr ich man auch zudem
        dabei nun damit danach dann daher deshalb doch jedoch zwar aber und oder sowie bereits schon noch
        nur so wie als wenn weil ob dass nach vor bei mit von seit laut zufolge gegenüber im am zum zur in
        an auf aus für über unter durch ohne gegen um demnach dazu darüber hier dort diese dieser dieses
        diesem diesen sein seine seiner ihre ihrer unser alle viele einige mehrere andere anfang ende mitte
        januar februar märz april mai juni juli august september oktober november dezember montag
        dienstag mittwoch donnerstag freitag samstag sonntag heute gestern morgen weiter weiterhin
        ebenfalls außerdem zuvor inzwischen mittlerweile später jetzt unterdessen allerdings""".split()
    ),
)


# --- for german.py: what the cue path needs without a parser -------------------------------------------

# Common given names (German-speaking and international ones German news names often), to tell a
# person "Anne Spiegel" from an outlet or a company. Our own list.
GIVEN_NAMES = frozenset(
    """anna anne annalena angela andrea barbara birgit brigitte christa christine claudia doris elke
    eva franziska gabriele heike ines ingrid julia jutta karin katarina katharina katrin kerstin lisa
    manuela maria marie martina monika nadine nancy petra renate ricarda sabine sahra sandra sarah silke
    simone sophie stefanie susanne svenja tanja ulrike ursula vera alice saskia malu manuela natascha
    alexander andreas armin axel bernd boris christian christoph daniel david dieter dirk erwin frank
    friedrich georg gerhard günter hans heiko heinz helmut herbert horst hubertus jan jens joachim
    johannes jörg josef jürgen karl karsten klaus lars lothar ludwig lukas manfred markus martin matthias
    max michael norbert olaf oliver peter philipp ralf reiner robert roland rolf sebastian stefan stephan
    sven thomas thorsten tobias ulrich uwe volker walter werner wolfgang cem christian hubert karl-theodor
    andy tim charles elon jeff mark satya sundar bill steve larry sergey jack sam donald joe barack
    emmanuel wladimir vladimir wolodymyr xi recep""".split()
)


# Documents that carry a source: "im Bloomberg-Artikel", "in einer Mitteilung des Ministeriums".
DOCUMENTS = (
    "artikel",
    "bericht",
    "berichts",
    "berichten",
    "beitrag",
    "report",
    "interview",
    "meldung",
    "mitteilung",
    "pressemitteilung",
    "erklärung",
    "stellungnahme",
    "schreiben",
    "brief",
    "studie",
    "analyse",
    "story",
    "text",
    "recherche",
    "recherchen",
    "papier",
    "dokument",
    "tweet",
    "post",
)

# Words that open the first field of a verb-second clause without being its subject ("Am Montag sagte
# X", "Dazu erklärte X", "Nun prüfe …"): the subject then follows the verb.
NOT_SUBJECT_OPENERS = frozenset(
    """am im zum zur vom beim dazu zudem außerdem ferner nun dann danach später zuvor vorher gestern
    heute morgen damals zuletzt dabei darin darauf daraufhin darüber demnach deshalb daher dort hier
    inzwischen mittlerweile bereits schon weiter weiterhin gleichzeitig anschließend jetzt so
    in auf bei nach vor mit über seit gegenüber unter gegen für aus dem den""".split()
)
