"""The source registry from the command line: add people, organisations, outlets and aliases; list; import.

    manage.py registry add-person "Ritwik Gupta" --role "AI researcher" --affiliation "UC Berkeley" --alias "Ритвик Гупта@ru"
    manage.py registry add-org "Huawei" --alias 华为@zh --alias Хуавэй@ru
    manage.py registry add-outlet "Financial Times" --alias FT --domain ft.com
    manage.py registry add-alias "Financial Times" "Файнэншл таймс" --language ru
    manage.py registry list [--kind person] [--search Gupta] [--format json]
    manage.py registry import people.csv|people.jsonl

Writes go through `sources.services`: a name or alias already belonging to a source of the same kind
is refused (add an alias to that source instead); `import` merges such rows into the existing source.
"""

import csv
import io
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from sources import services
from sources.errors import RegistryError
from sources.models import Source, SourceKind
from textkit.folding import normalize_name

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def _alias(value: str) -> tuple[str, str]:
    """ "Файнэншл таймс@ru" → ("Файнэншл таймс", "ru"); no @: no language."""
    name, at, language = value.rpartition("@")
    if not at or not name.strip() or " " in language or len(language) > 12:
        return value, ""
    return name, language


class Command(BaseCommand):
    help = "Add people, organisations, outlets and aliases to the source registry, list it, or import a file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for action, kind in (
            ("add-person", SourceKind.PERSON),
            ("add-org", SourceKind.ORGANISATION),
            ("add-outlet", SourceKind.OUTLET),
            ("add-group", SourceKind.UNNAMED),
        ):
            add = sub.add_parser(action, help=f"Register a new {SourceKind(kind).label.lower()}.")
            add.set_defaults(kind=kind)
            add.add_argument("name")
            add.add_argument(
                "--alias", action="append", default=[], help="Another name; NAME@lang adds its language."
            )
            add.add_argument("--reliability", default="", help="The desk's Admiralty grade A–F.")
            add.add_argument("--description", default="")
            if kind in (SourceKind.PERSON, SourceKind.UNNAMED):
                add.add_argument("--role", default="", help='"founder of DeepSeek"')
                add.add_argument(
                    "--affiliation",
                    default="",
                    help="An organisation or outlet: its id or name (created if new).",
                )
            if kind == SourceKind.OUTLET:
                add.add_argument(
                    "--domain", action="append", default=[], help="A web domain it publishes on."
                )
        alias = sub.add_parser("add-alias", help="Give a registered source another name.")
        alias.add_argument("source", help="The source's id, name or an alias.")
        alias.add_argument("alias")
        alias.add_argument("--language", default="")
        alias.add_argument("--kind", choices=SourceKind.values, help="When the name is ambiguous.")
        listing = sub.add_parser("list", help="List the registry.")
        listing.add_argument("--kind", choices=SourceKind.values)
        listing.add_argument("--search", default="", help="Part of a name or an alias.")
        listing.add_argument("--format", choices=["table", "json"], default="table")
        importing = sub.add_parser(
            "import", help="Add or merge sources from a .csv or .jsonl file (- for stdin)."
        )
        importing.add_argument("path")
        importing.add_argument(
            "--format", choices=["csv", "jsonl"], help="Default: from the file's extension."
        )

    def handle(self, *args, action, **options):
        try:
            if action.startswith("add-") and action != "add-alias":
                self._add(**options)
            elif action == "add-alias":
                self._add_alias(**options)
            elif action == "list":
                self._list(**options)
            else:
                self._import(**options)
        except RegistryError as exc:
            details = " ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {details}".strip()) from None

    def _describe(self, source: Source) -> str:
        parts = [f"#{source.pk} {source.get_kind_display().lower()} {source.name}"]
        if source.role:
            parts.append(f"role: {source.role}")
        if source.affiliation_id:
            parts.append(f"affiliation: {source.affiliation.name} (#{source.affiliation_id})")
        aliases = [a.name + (f"@{a.language}" if a.language else "") for a in source.aliases.all()]
        if aliases:
            parts.append("aliases: " + ", ".join(aliases))
        domains = [d.domain for d in source.domains.all()]
        if domains:
            parts.append("domains: " + ", ".join(domains))
        return "; ".join(parts)

    @transaction.atomic
    def _add(self, *, kind, name, alias, reliability, description, role="", affiliation="", domain=(), **_):
        affiliation_value = int(affiliation) if affiliation.isdigit() else affiliation or None
        source = services.source_create(
            kind=kind,
            name=name,
            role=role,
            affiliation=affiliation_value,
            reliability=reliability.upper(),
            description=description,
            aliases=[_alias(a) for a in alias],
        )
        for item in domain:
            services.outlet_domain_add(source=source, domain=item)
        self.stdout.write(f"Added {self._describe(source)}")

    def _find(self, ref: str, kind: str | None) -> Source:
        if ref.isdigit():
            source = Source.objects.filter(pk=int(ref)).first()
            if source is None:
                raise CommandError(f"No source with id {ref}.")
            return source
        matches = Source.objects.matching_alias(ref)
        if kind:
            matches = matches.filter(kind=kind)
        matches = list(matches.order_by("pk")[:10])
        if not matches:
            raise CommandError(f"No source is called “{ref}” (by name or alias). Add it first.")
        if len(matches) > 1:
            listed = "; ".join(f"#{s.pk} {s.kind} {s.name}" for s in matches)
            raise CommandError(f"“{ref}” names several sources ({listed}): give the id or --kind.")
        return matches[0]

    def _add_alias(self, *, source, alias, language, kind, **_):
        target = self._find(source, kind)
        name, at_language = _alias(alias)
        added = services.alias_add(source=target, name=name, language=language or at_language)
        self.stdout.write(f"Added alias “{added.name}” to {self._describe(target)}")

    def _list(self, *, kind, search, format, **_):
        sources = Source.objects.select_related("affiliation").prefetch_related("aliases", "domains")
        if kind:
            sources = sources.filter(kind=kind)
        if search.strip():
            # The folded columns, so any script matches in any case (SQLite folds ASCII only).
            term = normalize_name(search)
            sources = sources.filter(
                Q(normalized_name__contains=term) | Q(aliases__normalized__contains=term)
            ).distinct()
        sources = sources.order_by("kind", "name", "pk")
        if format == "json":
            for source in sources.iterator(chunk_size=500):
                row = {
                    "id": source.pk,
                    "kind": source.kind,
                    "name": source.name,
                    "role": source.role,
                    "affiliation": source.affiliation_id,
                    "reliability": source.reliability,
                    "description": source.description,
                    "aliases": [{"name": a.name, "language": a.language} for a in source.aliases.all()],
                    "domains": [d.domain for d in source.domains.all()],
                }
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        count = 0
        for source in sources.iterator(chunk_size=500):
            self.stdout.write(self._describe(source))
            count += 1
        self.stderr.write(f"{count} source{'s' if count != 1 else ''}.")

    def _rows(self, path: str, format: str | None):
        fmt = format or ("jsonl" if path.endswith((".jsonl", ".ndjson", ".json")) else "csv")
        try:
            if path == "-":
                raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
            else:
                with open(path, "rb") as handle:
                    raw = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        if len(raw) > MAX_IMPORT_BYTES:
            raise CommandError(f"{path} is larger than {MAX_IMPORT_BYTES:,} bytes; split it.")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text (byte {exc.start}).") from None
        if fmt == "csv":
            reader = csv.DictReader(io.StringIO(text))
            if not reader.fieldnames or not {"kind", "name"} <= {f.strip() for f in reader.fieldnames}:
                raise CommandError(f"{path}: the first line must name the columns, at least kind and name.")
            return [
                {k.strip(): v for k, v in row.items() if k is not None and v not in (None, "")}
                for row in reader
            ]
        rows = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                rows.append({"__broken__": f"not JSON: {exc.msg}"})
        return rows

    def _import(self, *, path, format, **_):
        rows = self._rows(path, format)
        report = services.registry_import(
            [row if "__broken__" not in row else row["__broken__"] for row in rows]
        )
        counts: dict[str, int] = {}
        for item in report:
            counts[item.status] = counts.get(item.status, 0) + 1
            where = f"row {item.line}"
            if item.status == "failed":
                self.stderr.write(f"{where}: failed ({item.name or 'no name'}): {item.message}")
            else:
                note = f" — {item.message}" if item.message else ""
                self.stdout.write(f"{where}: {item.status} #{item.source_id} {item.name}{note}")
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to import"
        if counts.get("failed"):
            raise CommandError(f"{summary}. The failed rows are listed above; the others were imported.")
        self.stdout.write(summary + ".")
