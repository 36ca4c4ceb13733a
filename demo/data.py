"""Demo data: the DeepSeek R2 / Huawei Ascend story of August 2025, written for the demo.

The articles below are our own short texts modelled on how the story was covered (a Russian outlet
summarising the Financial Times, an English re-report, independent reports of two side claims). The
outlets "Вестник ИИ" and "TechWire Daily" are invented; their URLs use the reserved .example domain.
"""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims import services
from claims.models import ClaimKind, ClaimStatus, Independence, Stance
from extraction.services import proposals_create
from sources.models import OutletDomain, Source, SourceKind
from sources.services import article_store, source_get_or_create

DEMO_USERS = {
    # username: (password, group, is_superuser)
    "admin": ("claimtracker-admin", None, True),
    "editor": ("claimtracker-editor", "Editors", False),
    "reviewer": ("claimtracker-reviewer", "Reviewers", False),
}

RU_ARTICLE = (
    "Китайский разработчик искусственного интеллекта DeepSeek отложил выпуск модели R2, запланированный на май, "
    "после неудачных попыток обучить её на чипах Huawei Ascend. Об этом пишет Financial Times со ссылкой на "
    "источники.\n\n"
    "По информации газеты, компания обучала модели на ускорителях Nvidia, а чипы Huawei использовала для вывода. "
    "При обучении на Ascend возникли проблемы со стабильностью, скоростью связи между чипами и программным "
    "обеспечением.\n\n"
    "Huawei отправила в офис DeepSeek команду инженеров, но полный цикл обучения так и не удалось завершить, "
    "отметили два источника.\n\n"
    "Инсайдеры отрасли указывают на отставание китайских чипов в ключевых задачах ИИ. Основатель DeepSeek "
    "Лян Вэньфэн недоволен ходом работ и требует больше времени, добавили источники.\n\n"
    "Эксперт по ИИ из Калифорнийского университета в Беркли Ритвик Гупта считает, что Huawei переживает "
    "«проблемы роста». «Это вопрос времени», — сказал он.\n\n"
    "Ранее Nvidia согласилась отдавать правительству США часть выручки от продаж H20 в Китае. Глава Huawei "
    "заявлял, что чипы Ascend отстают от американских на одно поколение."
)

EN_REREPORT = (
    "DeepSeek delayed the launch of its R2 model after failing to train it on Huawei's Ascend chips, the "
    "Financial Times reported on Thursday, citing people familiar with the matter.\n\n"
    "Huawei sent a team of engineers to DeepSeek's office, but the company could not complete a successful "
    "training run, the newspaper said, citing two of the people.\n\n"
    'Nvidia chief executive Jensen Huang has called Huawei a "formidable" competitor.'
)

EN_REVENUE = (
    "Nvidia has agreed to pay the U.S. government a share of its revenue from sales of H20 chips in China, "
    "a U.S. official told reporters, as a condition of export licences for the chips.\n\n"
    "The arrangement, confirmed by two officials on the record, is unusual for U.S. export controls."
)

EN_GENERATION = (
    "Huawei's chief executive said in an interview that the company's Ascend chips are one generation behind "
    "those of U.S. rivals, and that the company compensates with clustering and software."
)


# Two more invented texts for the dossier's demo claim (R2 delayed): a report from the outlet's own
# sources, off the FT's chain, and the subject's denial.
EN_OWN_SOURCES = (
    "DeepSeek pushed back the R2 release it had planned for May because training runs on Huawei Ascend "
    "hardware kept failing, Asia Chip Wire has learned, citing two people familiar with the company's plans "
    "who spoke on condition of anonymity.\n\n"
    "The company now trains on Nvidia accelerators and keeps Ascend chips for inference, the people said."
)

EN_DENIAL = (
    "DeepSeek denied on Friday that the launch of its R2 model had been delayed by problems with Huawei "
    'chips. "There has been no delay caused by Ascend hardware," a DeepSeek spokesperson said in a '
    "statement, adding that the release schedule had never been announced."
)


def _span(text: str, fragment: str) -> dict:
    start = text.index(fragment)
    return {"span_start": start, "span_end": start + len(fragment)}


def _source(
    name: str, kind: str, *, aliases=(), domains=(), role="", affiliation=None, reliability=""
) -> Source:
    source, _ = source_get_or_create(
        name=name, kind=kind, role=role, affiliation=affiliation, reliability=reliability, aliases=aliases
    )
    for domain in domains:
        OutletDomain.objects.get_or_create(domain=domain, defaults={"source": source})
    return source


def ensure_users() -> dict:
    User = get_user_model()
    users = {}
    for username, (password, group_name, superuser) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": superuser}
        )
        if created:
            user.set_password(password)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        users[username] = user
    return users


@transaction.atomic
def load_demo() -> bool:
    """Load the demo story. Returns False if it is already there (running it twice changes nothing)."""
    users = ensure_users()
    if Source.objects.filter(name="Вестник ИИ").exists():
        return False
    editor, reviewer = users["editor"], users["reviewer"]
    # Fresh users: reload so permission caches see the groups just added.
    reviewer = get_user_model().objects.get(pk=reviewer.pk)

    vestnik = _source(
        "Вестник ИИ",
        SourceKind.OUTLET,
        aliases=[("Vestnik II", "en")],
        domains=["vestnik-ai.example"],
        reliability="C",
    )
    ft = _source(
        "Financial Times",
        SourceKind.OUTLET,
        aliases=[
            ("FT", "en"),
            ("The Financial Times", "en"),
            ("Файнэншл таймс", "ru"),
            ("Financial Times", "ru"),
        ],
        domains=["ft.com"],
        reliability="B",
    )
    techwire = _source("TechWire Daily", SourceKind.OUTLET, domains=["techwire.example"], reliability="D")
    reuters = _source(
        "Reuters",
        SourceKind.OUTLET,
        aliases=[("Рейтер", "ru"), ("Reuters", "ru")],
        domains=["reuters.com"],
        reliability="B",
    )
    bloomberg = _source(
        "Bloomberg",
        SourceKind.OUTLET,
        aliases=[("Блумберг", "ru")],
        domains=["bloomberg.com"],
        reliability="B",
    )
    chipwire = _source("Asia Chip Wire", SourceKind.OUTLET, domains=["asiachipwire.example"], reliability="C")
    deepseek = _source("DeepSeek", SourceKind.ORGANISATION, aliases=[("Дипсик", "ru")])
    huawei = _source(
        "Huawei", SourceKind.ORGANISATION, aliases=[("Хуавэй", "ru"), ("Huawei Technologies", "en")]
    )
    nvidia = _source("Nvidia", SourceKind.ORGANISATION, aliases=[("Нвидиа", "ru"), ("NVIDIA", "en")])
    berkeley = _source(
        "UC Berkeley", SourceKind.ORGANISATION, aliases=[("Калифорнийский университет в Беркли", "ru")]
    )
    liang = _source(
        "Liang Wenfeng",
        SourceKind.PERSON,
        aliases=[("Лян Вэньфэн", "ru")],
        role="founder of DeepSeek",
        affiliation=deepseek,
    )
    gupta = _source(
        "Ritwik Gupta",
        SourceKind.PERSON,
        aliases=[("Ритвик Гупта", "ru")],
        role="AI researcher, UC Berkeley",
        affiliation=berkeley,
    )
    huang = _source(
        "Jensen Huang",
        SourceKind.PERSON,
        aliases=[("Дженсен Хуанг", "ru")],
        role="CEO of Nvidia",
        affiliation=nvidia,
    )

    published = datetime(2025, 8, 14, 9, 30, tzinfo=UTC)
    ru = article_store(
        url="https://vestnik-ai.example/news/2025/08/14/deepseek-r2-ascend",
        outlet=vestnik,
        title="DeepSeek отложила R2 из-за проблем с чипами Huawei — FT",
        language="ru",
        published_at=published,
        text=RU_ARTICLE,
    )[0]
    rereport = article_store(
        url="https://techwire.example/2025/08/14/deepseek-r2-delay-huawei",
        outlet=techwire,
        title="DeepSeek's R2 delayed after Huawei chip training trouble, FT says",
        language="en",
        published_at=datetime(2025, 8, 14, 12, 5, tzinfo=UTC),
        text=EN_REREPORT,
    )[0]
    revenue = article_store(
        url="https://reuters.example/technology/nvidia-h20-revenue-share-2025-08-11",
        outlet=reuters,
        title="Nvidia to share China H20 revenue with U.S. government, official says",
        language="en",
        published_at=datetime(2025, 8, 11, 18, 0, tzinfo=UTC),
        text=EN_REVENUE,
    )[0]
    generation = article_store(
        url="https://bloomberg.example/news/huawei-ascend-one-generation-behind",
        outlet=bloomberg,
        title="Huawei CEO says Ascend chips a generation behind U.S. rivals",
        language="en",
        published_at=datetime(2025, 6, 10, 7, 0, tzinfo=UTC),
        text=EN_GENERATION,
    )[0]

    own_sources = article_store(
        url="https://asiachipwire.example/2025/08/15/deepseek-r2-ascend-training",
        outlet=chipwire,
        title="DeepSeek's R2 slipped after Ascend training runs failed, people familiar say",
        language="en",
        published_at=datetime(2025, 8, 15, 3, 40, tzinfo=UTC),
        text=EN_OWN_SOURCES,
    )[0]
    denial = article_store(
        url="https://techwire.example/2025/08/15/deepseek-denies-r2-delay",
        outlet=techwire,
        title="DeepSeek denies Huawei chips delayed R2",
        language="en",
        published_at=datetime(2025, 8, 15, 10, 15, tzinfo=UTC),
        text=EN_DENIAL,
    )[0]

    outlet_link = {"source": vestnik, "relation": "reported_by"}
    ft_link = {"source": ft, "relation": "citing", "phrase": "пишет Financial Times со ссылкой на источники"}

    def ru_claim(fragment, chain, *, kind=ClaimKind.FACT, entities=(), summary=""):
        return services.claim_create(
            text=fragment,
            language="ru",
            kind=kind,
            summary_en=summary,
            made_at=published,
            chain=chain,
            appearances=[{"article": ru, **_span(RU_ARTICLE, fragment)}],
            entities=entities,
            actor=editor,
        )

    delayed = ru_claim(
        "DeepSeek отложил выпуск модели R2, запланированный на май, после неудачных попыток обучить её на чипах Huawei Ascend",
        [outlet_link, ft_link, {"kind": SourceKind.UNNAMED, "phrase": "со ссылкой на источники"}],
        entities=[
            {"name": "DeepSeek", "source": deepseek},
            {"name": "Huawei", "source": huawei},
            "R2",
            "Ascend",
        ],
        summary="DeepSeek postponed R2 from May after training on Huawei Ascend failed.",
    )
    engineers = ru_claim(
        "Huawei отправила в офис DeepSeek команду инженеров, но полный цикл обучения так и не удалось завершить",
        [outlet_link, ft_link, {"kind": SourceKind.UNNAMED, "count": 2, "phrase": "отметили два источника"}],
        entities=[{"name": "Huawei", "source": huawei}, {"name": "DeepSeek", "source": deepseek}],
        summary="Huawei sent engineers to DeepSeek; a full training run never succeeded.",
    )
    lag = ru_claim(
        "Инсайдеры отрасли указывают на отставание китайских чипов в ключевых задачах ИИ",
        [outlet_link, {"kind": SourceKind.UNNAMED, "phrase": "Инсайдеры отрасли указывают"}],
        kind=ClaimKind.OPINION,
        summary="Chinese chips lag in key AI tasks.",
    )
    ru_claim(
        "Основатель DeepSeek Лян Вэньфэн недоволен ходом работ и требует больше времени",
        [outlet_link, ft_link, {"kind": SourceKind.UNNAMED, "phrase": "добавили источники"}],
        entities=[{"name": "Лян Вэньфэн", "source": liang}],
        summary="Liang Wenfeng is unhappy with progress and wants more time.",
    )
    ru_claim(
        "Huawei переживает «проблемы роста». «Это вопрос времени»",
        [
            outlet_link,
            {
                "source": gupta,
                "relation": "said_by",
                "phrase": "Эксперт по ИИ из Калифорнийского университета в Беркли Ритвик Гупта считает",
                "quote": "Это вопрос времени",
            },
        ],
        kind=ClaimKind.PREDICTION,
        entities=[{"name": "Huawei", "source": huawei}],
        summary="Huawei has growing pains; it is a matter of time.",
    )
    behind = ru_claim(
        "чипы Ascend отстают от американских на одно поколение",
        [outlet_link, {"kind": SourceKind.PERSON, "relation": "said_by", "phrase": "Глава Huawei заявлял"}],
        kind=ClaimKind.STATEMENT,
        entities=[{"name": "Huawei", "source": huawei}, "Ascend"],
        summary="Huawei's CEO said Ascend chips are one generation behind US chips.",
    )
    share = ru_claim(
        "Nvidia согласилась отдавать правительству США часть выручки от продаж H20 в Китае",
        [outlet_link],
        entities=[{"name": "Nvidia", "source": nvidia}, "H20"],
        summary="Nvidia agreed to share H20 China revenue with the US government.",
    )
    services.claim_create(
        text="DeepSeek delayed the launch of its R2 model after failing to train it on Huawei's Ascend chips",
        language="en",
        made_at=rereport.published_at,
        chain=[
            {"source": techwire, "relation": "reported_by"},
            {"source": ft, "phrase": "the Financial Times reported"},
            {"kind": SourceKind.UNNAMED, "phrase": "citing people familiar with the matter"},
        ],
        appearances=[
            {
                "article": rereport,
                **_span(
                    EN_REREPORT,
                    "DeepSeek delayed the launch of its R2 model after failing to train it on Huawei's Ascend chips",
                ),
            }
        ],
        entities=[{"name": "DeepSeek", "source": deepseek}, {"name": "Huawei", "source": huawei}],
        actor=editor,
    )
    services.claim_create(
        text='Jensen Huang has called Huawei a "formidable" competitor',
        language="en",
        kind=ClaimKind.STATEMENT,
        chain=[
            {"source": techwire, "relation": "reported_by"},
            {"source": huang, "relation": "said_by", "quote": "formidable"},
        ],
        appearances=[
            {
                "article": rereport,
                **_span(EN_REREPORT, 'Jensen Huang has called Huawei a "formidable" competitor'),
            }
        ],
        entities=[{"name": "Huawei", "source": huawei}, {"name": "Jensen Huang", "source": huang}],
        actor=editor,
    )

    share_evidence = services.evidence_upsert(
        claim=share,
        article=revenue,
        stance=Stance.SUPPORTS,
        independence=Independence.INDEPENDENT,
        **_passage(EN_REVENUE, "Nvidia has agreed to pay the U.S. government a share of its revenue"),
        actor=editor,
    )
    behind_evidence = services.evidence_upsert(
        claim=behind,
        article=generation,
        stance=Stance.SUPPORTS,
        independence=Independence.INDEPENDENT,
        **_passage(EN_GENERATION, "Ascend chips are one generation behind"),
        actor=editor,
    )
    rereport_evidence = services.evidence_upsert(
        claim=engineers,
        article=rereport,
        stance=Stance.SUPPORTS,
        independence=Independence.RE_REPORT,
        origin=ft,
        **_passage(EN_REREPORT, "Huawei sent a team of engineers to DeepSeek's office"),
        actor=editor,
    )
    services.evidence_upsert(
        claim=delayed,
        article=rereport,
        stance=Stance.SUPPORTS,
        independence=Independence.RE_REPORT,
        origin=ft,
        **_passage(EN_REREPORT, "DeepSeek delayed the launch of its R2 model"),
        actor=editor,
    )

    # The R2 claim's dossier: an editor linked its own-sources report and the subject's denial.
    services.evidence_upsert(
        claim=delayed,
        article=own_sources,
        stance=Stance.SUPPORTS,
        independence=Independence.INDEPENDENT,
        origin=chipwire,
        **_passage(EN_OWN_SOURCES, "citing two people familiar with the company's plans"),
        scores={"independence_reason": "its own reporting: “citing two people familiar”"},
        actor=editor,
    )
    services.evidence_upsert(
        claim=delayed,
        article=denial,
        stance=Stance.DENIED,
        independence=Independence.INDEPENDENT,
        origin=deepseek,
        **_passage(EN_DENIAL, "There has been no delay caused by Ascend hardware"),
        scores={"independence_reason": "the subject's own denial: “a DeepSeek spokesperson said”"},
        actor=editor,
    )

    for claim, status, rationale, evidence in [
        (
            share,
            ClaimStatus.CONFIRMED,
            "Independently reported by Reuters from U.S. officials on the record.",
            [share_evidence],
        ),
        (
            behind,
            ClaimStatus.CONFIRMED,
            "Huawei's CEO said this on the record in an interview reported by Bloomberg.",
            [behind_evidence],
        ),
        (
            engineers,
            ClaimStatus.UNVERIFIABLE,
            "Every report traces back to the FT's two anonymous sources; no independent confirmation found.",
            [rereport_evidence],
        ),
        (
            lag,
            ClaimStatus.DISPUTED,
            "The FT presents this as its own analysis, not as what industry insiders said: the attribution is wrong.",
            [],
        ),
        (delayed, ClaimStatus.IN_REVIEW, "", []),
    ]:
        services.verdict_record(
            claim=claim,
            status=status,
            rationale=rationale,
            reviewer=reviewer,
            seen_version=claim.version,
            evidence=evidence,
        )
    # Proposed claims for the English re-report, so the review desk (Claim proposals) has work to show.
    proposals_create(article=rereport, actor=None)
    return True


def _passage(text: str, fragment: str) -> dict:
    span = _span(text, fragment)
    return {"passage_start": span["span_start"], "passage_end": span["span_end"]}
