"""Propose the claims in an article file: `manage.py extract_claims PATH [--lang ru|en] [--format json]`."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.errors import ApplicationError
from extraction import services
from extraction.text import MAX_CHARS
from sources.models import Article, Source


class Command(BaseCommand):
    help = "Propose the claims an article makes, each with its attribution chain (outermost first)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument("--lang", choices=["ru", "en"], help="The article's language (default: detect).")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--outlet", help="The article's own outlet, as named in the Source registry.")
        parser.add_argument(
            "--url",
            help="Fetch this page through the coverage fetcher, store it, and store the proposals.",
        )
        parser.add_argument(
            "--article",
            type=int,
            help="Extract from a stored article instead of a file, and store the proposals.",
        )

    def handle(
        self, *args, path=None, lang=None, format="text", outlet=None, article=None, url=None, **options
    ):
        try:
            if article is not None or url:
                if url:
                    stored = services.article_from_url(url=url)
                else:
                    stored = Article.objects.filter(pk=article).first()
                if stored is None:
                    raise CommandError(f"No article with id {article}.")
                created = services.proposals_create(article=stored, actor=None, language=lang)
                self.stdout.write(f"{len(created)} new proposal(s) stored for article {stored.pk}.")
                return
            if not path:
                raise CommandError(
                    "Give a file to read (or - for standard input), --article ID or --url URL."
                )
            outlet_source = None
            if outlet:
                outlet_source = Source.objects.matching_alias(outlet).first()
                if outlet_source is None:
                    raise CommandError(f"No source named {outlet!r} in the registry.")
            raw = self._read(path)
            result = services.text_extract(text=raw, language=lang, outlet=outlet_source)
        except ApplicationError as exc:
            details = " ".join(m for msgs in exc.fields.values() for m in msgs)
            raise CommandError(f"{exc.message} {details}".strip()) from None
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for warning in result["warnings"]:
            self.stderr.write(f"note: {warning}")
        for i, claim in enumerate(result["claims"], start=1):
            self.stdout.write(
                f"{i}. [{claim['kind']}] {claim['text']}  (span {claim['span'][0]}–{claim['span'][1]})"
            )
            chain = []
            for position, link in enumerate(claim["chain"]):
                source = link["source"] or {}
                label = source.get("name") or link["role"] or link["phrase"] or link["kind"]
                if position == 0 and not source:
                    label = "this article"
                if link["kind"] == "unnamed":
                    label = f"{link['count'] or ''} unnamed: {link['phrase']}".strip()
                if source.get("name") and not source.get("id"):
                    label += " [new source]"
                chain.append(f"{link['kind']}: {label}")
            self.stdout.write("   " + " ← ".join(chain))

    def _read(self, path: str) -> bytes:
        # Read one byte past the limit so an oversized file is refused without loading all of it.
        limit = MAX_CHARS * 4 + 1
        try:
            if path == "-":
                raw = sys.stdin.buffer.read(limit)
            else:
                with open(path, "rb") as handle:
                    raw = handle.read(limit)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        if len(raw) == limit:
            raise CommandError(
                f"{path} is larger than {limit - 1:,} bytes; the limit is {MAX_CHARS:,} characters (an article, not a dump)."
            )
        return raw
