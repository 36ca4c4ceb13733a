"""One story told by several outlets, as a newsroom would meet it: the FT reports it first from two
unnamed sources; a Russian outlet and an English blog re-report the FT; a wire service copies the blog;
Nikkei Asia confirms it with its own sources; Huawei, its subject, denies it; an unrelated item runs
the same day. Served by a real local HTTP server, fetched and stored as articles by `story_articles`.
"""

import html
import re
import threading
import urllib.request
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sources.models import Article, Source, SourceAlias, SourceKind

SOURCES = {
    "ft": ("Financial Times", SourceKind.OUTLET, ["FT", "Файнэншл таймс", "Financial Times"]),
    "vestnik": ("Вестник ИИ", SourceKind.OUTLET, ["Vestnik AI"]),
    "technovosti": ("Техновости", SourceKind.OUTLET, ["Technovosti"]),
    "techdaily": ("TechDaily", SourceKind.OUTLET, []),
    "wire": ("Global Tech Wire", SourceKind.OUTLET, []),
    "nikkei": ("Nikkei Asia", SourceKind.OUTLET, ["Никкей"]),
    "reuters": ("Reuters", SourceKind.OUTLET, ["Рейтер", "Рейтерс"]),
    "huawei": ("Huawei", SourceKind.ORGANISATION, ["Хуавэй", "Хуавей"]),
    "deepseek": ("DeepSeek", SourceKind.ORGANISATION, []),
    "liang": ("Liang Wenfeng", SourceKind.PERSON, ["Лян Вэньфэн"]),
}

TECHDAILY_TEXT = (
    "DeepSeek's next model, R2, has been delayed because training it on Huawei's Ascend chips failed, "
    "the Financial Times reported on Thursday. The Chinese start-up had been encouraged by authorities to "
    "use domestic processors instead of Nvidia hardware. Huawei sent a team of engineers to DeepSeek's office "
    "to help, but the company could not complete a successful training run on Ascend, according to the FT. "
    "DeepSeek then went back to Nvidia chips for training and kept Ascend only for inference. "
    "DeepSeek did not respond to a request for comment."
)

ARTICLES = [
    {
        "key": "ft",
        "path": "/ft/deepseek-r2-delay",
        "outlet": "ft",
        "language": "en",
        "published": "2025-08-14T05:00:00",
        "title": "DeepSeek delays new AI model after failing to train it on Huawei chips",
        "paragraphs": [
            "Chinese artificial intelligence company DeepSeek delayed the release of its R2 model after "
            "persistent technical problems training it on Huawei's Ascend chips, according to two people "
            "familiar with the matter.",
            "DeepSeek had planned to release R2 in May. Huawei sent a team of engineers to DeepSeek's office "
            "to help, but the company could not complete a successful training run on the Ascend processors, "
            "the people said.",
            "DeepSeek founder Liang Wenfeng has told colleagues he is dissatisfied with the progress and wants "
            "more time to build an advanced model. DeepSeek did not respond to a request for comment.",
        ],
    },
    {
        "key": "technovosti",
        "path": "/technovosti/deepseek-r2",
        "outlet": "technovosti",
        "language": "ru",
        "published": "2025-08-14T09:30:00",
        "title": "DeepSeek отложила выпуск R2 из-за проблем с чипами Huawei",
        "paragraphs": [
            "Как сообщает Financial Times со ссылкой на два источника, китайская компания DeepSeek отложила "
            "выпуск модели R2 после того, как обучение на чипах Huawei Ascend не удалось.",
            "По данным издания, Хуавэй направила в DeepSeek своих инженеров, однако провести успешное "
            "обучение на процессорах Ascend так и не получилось.",
            "Основатель компании Лян Вэньфэн недоволен ходом работ, пишет газета.",
        ],
    },
    {
        "key": "techdaily",
        "path": "/techdaily/r2-delayed",
        "outlet": "techdaily",
        "language": "en",
        "published": "2025-08-14T10:00:00",
        "title": "DeepSeek R2 delayed after Huawei Ascend training failed, FT says",
        "paragraphs": [TECHDAILY_TEXT],
    },
    {
        "key": "wire",
        "path": "/wire/deepseek-r2",
        "outlet": "wire",
        "language": "en",
        "published": "2025-08-14T11:00:00",
        "title": "DeepSeek's R2 model delayed over Huawei chip problems",
        "paragraphs": [TECHDAILY_TEXT.replace("on Thursday", "on Thursday (Aug 14)")],
    },
    {
        "key": "nikkei",
        "path": "/nikkei/deepseek-ascend",
        "outlet": "nikkei",
        "language": "en",
        "published": "2025-08-15T03:00:00",
        "title": "DeepSeek's R2 held back as Huawei Ascend training runs fail",
        "paragraphs": [
            "DeepSeek postponed the launch of its R2 model because it could not finish training it on "
            "Huawei's Ascend processors, three engineers involved in the project told Nikkei Asia.",
            "The training runs on Ascend clusters repeatedly failed because of unstable interconnects and "
            "immature software, the engineers said, speaking on condition of anonymity. The company has "
            "since moved training back to Nvidia hardware.",
        ],
    },
    {
        "key": "denial",
        "path": "/reuters/huawei-denies",
        "outlet": "reuters",
        "language": "en",
        "published": "2025-08-15T08:00:00",
        "title": "Huawei denies DeepSeek training failure on Ascend chips",
        "paragraphs": [
            "Huawei on Friday denied that DeepSeek's training of the R2 model on its Ascend chips had failed, "
            "calling the reports inaccurate.",
            "The Ascend platform is used by many Chinese AI developers, a Huawei spokesperson said.",
        ],
    },
    {
        "key": "unrelated",
        "path": "/technovosti/weather",
        "outlet": "technovosti",
        "language": "ru",
        "published": "2025-08-14T12:00:00",
        "title": "В Москве ожидается жаркая погода",
        "paragraphs": [
            "Синоптики обещают москвичам жаркую погоду до конца недели: днем воздух прогреется до 32 градусов.",
            "В выходные возможны кратковременные дожди и грозы.",
        ],
    },
    {
        "key": "vestnik",
        "path": "/vestnik/deepseek",
        "outlet": "vestnik",
        "language": "ru",
        "published": "2025-08-14T08:00:00",
        "title": "DeepSeek не смогла обучить R2 на чипах Huawei",
        "paragraphs": [
            "DeepSeek отложила выпуск модели R2 после того, как обучение на чипах Huawei Ascend не удалось, "
            "сообщает FT со ссылкой на источники.",
        ],
    },
]

CLAIM_TEXT = "DeepSeek отложила выпуск модели R2 после того, как обучение на чипах Huawei Ascend не удалось"


def _page(article: dict) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["paragraphs"])
    return (
        f'<!doctype html><html lang="{article["language"]}"><head><meta charset="utf-8">'
        f"<title>{html.escape(article['title'])}</title></head><body><nav>Menu · Subscribe</nav>"
        f"<article><h1>{html.escape(article['title'])}</h1>{paragraphs}</article>"
        f"<footer>© 2025</footer></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self):
        body = self.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, *args):
        pass


class StoryServer:
    def __enter__(self):
        _Handler.pages = {a["path"]: _page(a) for a in ARTICLES}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _extract(page: str) -> tuple[str, str]:
    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", page, re.S)]
    return title, "\n\n".join(paragraphs)


def make_sources() -> dict[str, Source]:
    sources = {}
    for key, (name, kind, aliases) in SOURCES.items():
        source = Source.objects.create(name=name, kind=kind)
        for alias in aliases:
            if alias != name:
                SourceAlias.objects.create(source=source, name=alias)
        sources[key] = source
    return sources


def fetch_articles(base: str, sources: dict[str, Source], keys=None) -> dict[str, Article]:
    articles = {}
    for spec in ARTICLES:
        if keys is not None and spec["key"] not in keys:
            continue
        with urllib.request.urlopen(base + spec["path"], timeout=5) as response:
            title, text = _extract(response.read().decode("utf-8"))
        articles[spec["key"]] = Article.objects.create(
            url=f"https://{spec['outlet']}.example{spec['path']}",
            outlet=sources[spec["outlet"]],
            title=title,
            language=spec["language"],
            published_at=datetime.fromisoformat(spec["published"]).replace(tzinfo=UTC),
            text=text,
        )
    return articles


CLAIM_SUMMARY_EN = "DeepSeek delayed the release of its R2 model after training on Huawei Ascend chips failed"
