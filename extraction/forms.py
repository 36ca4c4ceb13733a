"""The proposal page's chain: one row a link (kind, a registry source or a new one's name, count, role,
phrase, quote), written back as the proposal's chain JSON (the wire shape of claims.services.chains).

The rows are checked as fields here, then the whole payload by `services.payload_clean`, whose
"chain[2].count" errors land on the row and field they name, so nothing reaches the service unchecked
and no error is a bare JSON complaint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from claims.models import AttributionLink, LinkRelation
from claims.services import MAX_CHAIN_LINKS
from sources.models import Source, SourceKind

from .proposer import OWN


class ChainLinkForm(forms.Form):
    # An empty first choice: the blank row for a new link is left alone unless someone fills it in.
    kind = forms.ChoiceField(choices=[("", "— kind —"), *SourceKind.choices])
    relation = forms.ChoiceField(
        choices=[("", "automatic"), *LinkRelation.choices],
        required=False,
        help_text="Empty: “reported by” for the first link, “said by” for a last person, else “citing”.",
    )
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)
    new_source = forms.CharField(
        required=False,
        max_length=300,
        label="or a new source",
        widget=forms.TextInput(attrs={"size": 24, "placeholder": "or a new source's name"}),
        help_text="Matched to the registry on accept (name, then aliases); added to it when new.",
    )
    count = forms.IntegerField(
        required=False, min_value=1, max_value=32767, widget=forms.NumberInput(attrs={"style": "width:4em"})
    )
    role = forms.CharField(
        required=False, max_length=300, widget=forms.TextInput(attrs={"size": 16, "placeholder": "role"})
    )
    phrase = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 28, "placeholder": "verbatim attribution"}),
    )
    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "cols": 28, "placeholder": "their direct words"}),
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A search box over the registry (the sources admin's search: names and aliases), not a
        # <select> of every source.
        field = self.fields["source"]
        field.widget = AutocompleteSelect(
            AttributionLink._meta.get_field("source"), admin_site or admin.site, attrs={"style": "width:16em"}
        )
        field.widget.choices = field.choices

    def clean(self):
        data = super().clean()
        source, new = data.get("source"), (data.get("new_source") or "").strip()
        kind = data.get("kind")
        if source is not None and new:
            self.add_error("new_source", "Choose a registry source or name a new one, not both.")
        if source is not None and kind and source.kind != kind:
            self.add_error(
                "kind",
                f"{source.name} is registered as {source.get_kind_display().lower()}: "
                f"choose that kind, or another source.",
            )
        if data.get("count") is not None and kind and kind != SourceKind.UNNAMED:
            self.add_error("count", "Only an unnamed group has a count.")
        return data

    def link(self) -> dict:
        """This row as a chain link of the proposal's payload."""
        data = self.cleaned_data
        kind = data["kind"]
        source, new = data.get("source"), (data.get("new_source") or "").strip()
        if source is not None:
            ref: dict | None = {"id": source.pk, "name": source.name, "kind": source.kind}
        elif new:
            ref = {"name": new, "kind": kind}
        else:
            ref = None
        return {
            "relation": data.get("relation") or "",
            "kind": kind,
            "source": ref,
            "count": data.get("count") if kind == SourceKind.UNNAMED else None,
            "role": (data.get("role") or "").strip(),
            "phrase": (data.get("phrase") or "").strip(),
            "quote": (data.get("quote") or "").strip(),
        }


class BaseChainFormSet(forms.BaseFormSet):
    default_error_messages = {"too_many_forms": f"A chain has at most {MAX_CHAIN_LINKS} links."}

    def kept_forms(self) -> list[ChainLinkForm]:
        """The links in chain order (the "order" column), without deleted and untouched blank rows."""
        return list(self.ordered_forms)

    def chain(self) -> list[dict]:
        return [form.link() for form in self.kept_forms()]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.kept_forms():
            raise forms.ValidationError("The chain needs at least the article's own link (the outlet).")

    def show_errors(self, fields: Mapping[str, list[str]]) -> list[str]:
        """Put a service's "chain[1].count" errors on their rows; return the ones no row can take."""
        rows = self.kept_forms()
        left = []
        for key, messages in fields.items():
            name, _, attr = key.partition(".")
            index = name[len("chain[") : -1] if name.startswith("chain[") and name.endswith("]") else ""
            if not index.isdigit() or int(index) >= len(rows):
                left.extend(messages)
                continue
            form = rows[int(index)]
            attr = attr.split(".")[0]  # "source.id", "source.name"
            if attr == "source" and not form.cleaned_data.get("source"):
                attr = "new_source"
            form.add_error(attr if attr in form.fields else None, messages)
        return left


ChainFormSet = forms.formset_factory(
    ChainLinkForm,
    formset=BaseChainFormSet,
    extra=1,
    can_order=True,
    can_delete=True,
    max_num=MAX_CHAIN_LINKS,
    validate_max=True,
    absolute_max=MAX_CHAIN_LINKS,
)


def chain_initial(chain: Any) -> list[dict]:
    """The rows for a stored chain, older payloads too ("own" first links, {"name", "new"} sources)."""
    rows = []
    for link in chain if isinstance(chain, list) else []:
        if not isinstance(link, Mapping):
            continue
        source = link.get("source")
        source_id = source.get("id") if isinstance(source, Mapping) else source
        new = str(source.get("name") or "") if isinstance(source, Mapping) and not source_id else ""
        kind = link.get("kind")
        rows.append(
            {
                "kind": SourceKind.OUTLET if kind == OWN else kind,
                "relation": link.get("relation") or "",
                "source": source_id
                if isinstance(source_id, int) and not isinstance(source_id, bool)
                else None,
                "new_source": new,
                "count": link.get("count"),
                "role": link.get("role") or "",
                "phrase": link.get("phrase") or "",
                "quote": link.get("quote") or "",
            }
        )
    return rows
