"""The claim page's editable parts: chain links, appearances, entities.

The formsets are never saved by the ORM: ClaimAdmin turns each into specs for its service
(`chain_set`, `appearances_set`, `entities_set`), which replaces the part, bumps the version and
audits it. The chain is checked by the service's own `build_links` while the form is cleaned, so a
bad link is a form error on its row, before anything is written.
"""

import re

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from .. import services
from ..errors import ApplicationError
from ..models import Appearance, AttributionLink, ClaimEntity


class PartsFormSet(BaseInlineFormSet):
    """A formset whose rows become a list of specs for a service, in the order given."""

    spec_fields: tuple[str, ...] = ()
    renamed: dict[str, str] = {}

    def kept_forms(self) -> list[forms.Form]:
        return [
            form
            for form in self.forms
            if form.cleaned_data
            and not self._should_delete_form(form)
            and (form.instance.pk is not None or form.has_changed())
        ]

    def specs(self) -> list[dict]:
        return [self.spec_of(form) for form in self.kept_forms()]

    def spec_of(self, form) -> dict:
        return {self.renamed.get(name, name): form.cleaned_data.get(name) for name in self.spec_fields}

    def show_errors(self, exc: ApplicationError, prefix: str) -> None:
        """Put a service's `fields` errors ("chain[1].count") on the rows and fields they name."""
        forms_in_order = self.kept_forms()
        back = {spec: name for name, spec in self.renamed.items()}
        unplaced = []
        for key, msgs in exc.fields.items():
            match = re.fullmatch(rf"{re.escape(prefix)}\[(\d+)\]\.(.+)", key)
            if match is None or int(match[1]) >= len(forms_in_order):
                unplaced.extend(msgs)
                continue
            form, name = forms_in_order[int(match[1])], back.get(match[2], match[2])
            form.add_error(name if name in form.fields else None, msgs)
        if unplaced or not exc.fields:
            raise forms.ValidationError(unplaced or [exc.message])


class AttributionLinkForm(forms.ModelForm):
    class Meta:
        model = AttributionLink
        fields = ["position", "relation", "source_kind", "source", "count", "role", "phrase", "quote"]
        widgets = {
            "position": forms.NumberInput(attrs={"style": "width:3.5em"}),
            "count": forms.NumberInput(attrs={"style": "width:3.5em"}),
            "role": forms.TextInput(attrs={"size": 22}),
            "phrase": forms.TextInput(attrs={"size": 34}),
            "quote": forms.Textarea(attrs={"rows": 1, "cols": 34}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_kind"].required = False
        for name in ("position", "source_kind", "count", "role", "phrase", "quote"):
            self.fields[name].help_text = ""  # the labels say it; five help texts per link crowd the row

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source is not None and not data.get("source_kind"):
            data["source_kind"] = source.kind
            self.instance.source_kind = source.kind
        elif source is None and not data.get("source_kind"):
            self.add_error("source_kind", "Say what kind of source this is, or choose a source.")
        return data


class ChainFormSet(PartsFormSet):
    spec_fields = ("relation", "source", "source_kind", "count", "role", "phrase", "quote")
    renamed = {"source_kind": "kind"}

    def kept_forms(self):
        # Position orders the chain (0 = outermost); the service numbers the links 0, 1, 2, … again.
        return sorted(super().kept_forms(), key=lambda form: form.cleaned_data.get("position") or 0)

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        try:
            services.build_links(self.instance, self.specs())
        except ApplicationError as exc:
            self.show_errors(exc, "chain")


class AttributionLinkInline(admin.StackedInline):
    """Two lines a link (who, then their words), so the chain fits the page at 1,400 px."""

    model = AttributionLink
    form = AttributionLinkForm
    formset = ChainFormSet
    template = "admin/claims/claim/chain_inline.html"
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["source"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("position", "relation", "source_kind", "count"),
                    ("source", "role"),
                    ("phrase", "quote"),
                ]
            },
        )
    ]
    verbose_name = "link"
    verbose_name_plural = (
        "attribution chain — outermost (the article's outlet) first; position 0 is the outlet"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_related_buttons(super().formfield_for_dbfield(db_field, request, **kwargs))


def without_related_buttons(field):
    """An autocomplete box without its four edit/add/delete/view icons (a second row on every link).

    The sources themselves are edited on their own pages; an empty kind takes the chosen source's."""
    widget = getattr(field, "widget", None)
    for name in ("can_add_related", "can_change_related", "can_delete_related", "can_view_related"):
        if hasattr(widget, name):
            setattr(widget, name, False)
    return field


class AppearanceFormSet(PartsFormSet):
    spec_fields = ("article", "span_start", "span_end")


class AppearanceInline(admin.TabularInline):
    model = Appearance
    formset = AppearanceFormSet
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "span_start", "span_end", "quote"]
    readonly_fields = ["quote"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_related_buttons(super().formfield_for_dbfield(db_field, request, **kwargs))


class EntityFormSet(PartsFormSet):
    spec_fields = ("name", "source")


class ClaimEntityInline(admin.TabularInline):
    model = ClaimEntity
    formset = EntityFormSet
    extra = 0
    autocomplete_fields = ["source"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_related_buttons(super().formfield_for_dbfield(db_field, request, **kwargs))


# formset model → (service, its keyword for the list, where its errors point)
PART_SERVICES = {
    AttributionLink: (services.chain_set, "chain", "chain"),
    Appearance: (services.appearances_set, "appearances", "appearances"),
    ClaimEntity: (services.entities_set, "entities", "entities"),
}
