"""Review of proposed claims in the admin: extract from an article or pasted text, then accept,
edit and accept, or reject. Every write goes through extraction.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims.errors import ApplicationError
from claims.models import ClaimKind
from sources.models import Article, Source, SourceKind

from . import services
from .forms import ChainFormSet, chain_initial
from .models import ClaimProposal, ProposalState


class ExtractForm(forms.Form):
    article = forms.ModelChoiceField(
        queryset=Article.objects.order_by("-id"),
        required=False,
        help_text="Extract from a stored article, or paste a new one below.",
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 14, "cols": 100}), required=False)
    url = forms.URLField(
        required=False,
        help_text="Where the pasted article was published (required with text). "
        "Given alone, the page is fetched and its text extracted.",
    )
    title = forms.CharField(required=False, max_length=1000)
    outlet = forms.ModelChoiceField(queryset=Source.objects.filter(kind=SourceKind.OUTLET), required=False)
    language = forms.ChoiceField(
        choices=[("", "detect"), ("ru", "Russian"), ("en", "English")], required=False
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A search box, not a <select> of every stored article (thousands, each an <option>).
        field = self.fields["article"]
        field.widget = AutocompleteSelect(ClaimProposal._meta.get_field("article"), admin_site or admin.site)
        field.widget.choices = field.choices

    def clean(self):
        data = super().clean()
        if not data.get("article") and not (data.get("text") or "").strip() and not data.get("url"):
            raise forms.ValidationError("Choose an article, paste its text, or give its URL to fetch.")
        if data.get("article") and (data.get("text") or "").strip():
            raise forms.ValidationError("Choose an article or paste text, not both.")
        if not data.get("article") and not data.get("url"):
            self.add_error("url", "Give the URL the pasted article was published at.")
        return data


class ProposalForm(forms.ModelForm):
    """The editor's view of a proposal: the payload as fields, the chain as one row a link."""

    admin_site = admin.site  # ClaimProposalAdmin.get_form gives its own

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 100}))
    kind = forms.ChoiceField(choices=ClaimKind.choices)
    due_at = forms.DateField(
        required=False, label="Due", help_text="Predictions only: the day it should have come true."
    )
    span_start = forms.IntegerField(min_value=0)
    span_end = forms.IntegerField(min_value=1)
    entities = forms.CharField(
        required=False, help_text="Comma-separated names.", widget=forms.TextInput(attrs={"size": 100})
    )

    class Meta:
        model = ClaimProposal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        payload = self.instance.payload or {}
        self.initial.update(
            text=payload.get("text", ""),
            kind=payload.get("kind", ClaimKind.FACT),
            due_at=payload.get("due_at") or payload.get("due") or None,
            span_start=self.instance.span_start,
            span_end=self.instance.span_end,
            entities=", ".join(payload.get("entities", [])),
        )
        self.chain_formset = ChainFormSet(
            self.data if self.is_bound else None,
            prefix="chain",
            initial=chain_initial(payload.get("chain")),
            form_kwargs={"admin_site": self.admin_site},
        )

    @property
    def media(self):
        return super().media + self.chain_formset.media

    def clean(self):
        data = super().clean()
        if not self.chain_formset.is_valid():
            raise forms.ValidationError(
                self.chain_formset.non_form_errors() or "Please correct the chain links below."
            )
        if self.errors or self.instance.pk is None:
            return data
        # The service's own check, before anything is saved: its errors go on the fields they name.
        try:
            services.payload_clean(payload=self.payload(), article=self.instance.article)
        except ApplicationError as exc:
            left = self.chain_formset.show_errors(
                {key: msgs for key, msgs in exc.fields.items() if key.startswith("chain[")}
            )
            for key, msgs in exc.fields.items():
                if key.startswith("chain["):
                    continue
                field = {"span": "span_end", "chain": None}.get(key, key)
                self.add_error(field if field in self.fields else None, msgs)
            if left or not exc.fields:
                self.add_error(None, left or [exc.message])
            elif any(key.startswith("chain[") for key in exc.fields):
                self.add_error(None, "Please correct the chain links below.")
        return data

    def payload(self) -> dict:
        data = self.cleaned_data
        due = data.get("due_at")
        return {
            **(self.instance.payload or {}),
            "text": data["text"],
            "kind": data["kind"],
            "due_at": due.isoformat() if due else None,
            "span": [data["span_start"], data["span_end"]],
            "entities": [e.strip() for e in (data.get("entities") or "").split(",") if e.strip()],
            "chain": self.chain_formset.chain(),
        }


@admin.register(ClaimProposal)
class ClaimProposalAdmin(admin.ModelAdmin):
    form = ProposalForm
    list_display = ["short_text", "kind", "chain", "state", "article_link", "position"]
    list_filter = ["state", "language", "article"]
    list_select_related = ["article"]
    search_fields = ["article__title", "article__url"]
    ordering = ["article", "position"]
    readonly_fields = ["article", "state", "claim_link", "passage", "chain_summary", "extractor_version"]
    fieldsets = [
        (
            None,
            {"fields": ["article", "state", "claim_link", "passage", "chain_summary", "extractor_version"]},
        ),
        ("Proposed claim", {"fields": ["text", "kind", "due_at", "span_start", "span_end", "entities"]}),
    ]
    actions = ["accept", "reject"]
    change_form_template = "admin/extraction/claimproposal/change_form.html"
    change_list_template = "admin/extraction/claimproposal/change_list.html"

    def has_add_permission(self, request):
        return False  # proposals come from the extractor ("Extract claims" above the list)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"admin_site": self.admin_site})

    @admin.display(description="claim")
    def short_text(self, obj):
        return str(obj)

    @admin.display(description="kind")
    def kind(self, obj):
        kind = obj.payload.get("kind", "")
        return ClaimKind(kind).label if kind in ClaimKind.values else kind or "—"

    @admin.display(description="attribution chain")
    def chain(self, obj):
        return obj.chain_display()

    @admin.display(description="article", ordering="article")
    def article_link(self, obj):
        url = reverse("admin:extraction_claimproposal_changelist") + f"?article__id__exact={obj.article_id}"
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description="claim created")
    def claim_link(self, obj):
        if obj.claim_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:claims_claim_change", args=[obj.claim_id]), obj.claim
        )

    @admin.display(description="attribution chain as proposed")
    def chain_summary(self, obj):
        return obj.chain_display(detailed=True)

    @admin.display(description="passage in the article")
    def passage(self, obj):
        text = obj.article.text
        before = text[max(0, obj.span_start - 120) : obj.span_start]
        after = text[obj.span_end : obj.span_end + 120]
        return format_html("…{}<mark>{}</mark>{}…", before, text[obj.span_start : obj.span_end], after)

    # -- writes

    def save_model(self, request, obj, form, change):
        accept = "_accept" in request.POST
        try:
            if accept:
                claim = services.proposal_accept(proposal=obj, actor=request.user, payload=form.payload())
                self.message_user(request, f"Accepted: claim “{claim}” created.", messages.SUCCESS)
            else:
                services.proposal_save(proposal=obj, actor=request.user, payload=form.payload())
        except ApplicationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            obj._failed = True

    def save_related(self, request, form, formsets, change):
        pass

    def response_change(self, request, obj):
        if getattr(obj, "_failed", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description="Accept selected proposals (create the claims)", permissions=["change"])
    def accept(self, request, queryset):
        done, already, failed = 0, 0, []
        for proposal in queryset.select_related("article"):
            if proposal.state == ProposalState.ACCEPTED:
                already += 1  # accepting again would only return its claim: nothing to count
                continue
            try:
                with transaction.atomic():
                    services.proposal_accept(proposal=proposal, actor=request.user)
                done += 1
            except ApplicationError as exc:
                failed.append(f"“{proposal}”: {exc}")
        if done:
            self.message_user(
                request, f"Accepted {_proposals(done)}: {_claims(done)} created.", messages.SUCCESS
            )
        if already:
            self.message_user(
                request,
                f"{_proposals(already)} {'was' if already == 1 else 'were'} already accepted; nothing changed.",
                messages.INFO if done else messages.WARNING,
            )
        for text in failed:
            self.message_user(request, text, messages.ERROR)

    @admin.action(description="Reject selected proposals", permissions=["change"])
    def reject(self, request, queryset):
        done, already, failed = 0, 0, []
        for proposal in queryset:
            if proposal.state == ProposalState.REJECTED:
                already += 1
                continue
            try:
                services.proposal_reject(proposal=proposal, actor=request.user)
                done += 1
            except ApplicationError as exc:
                failed.append(f"“{proposal}”: {exc}")
        if done:
            self.message_user(request, f"Rejected {_proposals(done)}.", messages.SUCCESS)
        if already:
            self.message_user(
                request,
                f"{_proposals(already)} {'was' if already == 1 else 'were'} already rejected; nothing changed.",
                messages.INFO if done else messages.WARNING,
            )
        for text in failed:
            self.message_user(request, text, messages.ERROR)

    # -- the extract page

    def get_urls(self):
        return [
            path(
                "extract/",
                self.admin_site.admin_view(self.extract_view),
                name="extraction_claimproposal_extract",
            ),
            *super().get_urls(),
        ]

    def extract_view(self, request):
        if not request.user.has_perm("claims.add_claim"):
            raise PermissionDenied
        form = ExtractForm(request.POST or None, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if not data["article"] and not (data["text"] or "").strip():
                    # Fetched outside the transaction: the fetch row records the attempt either way.
                    data["article"] = services.article_from_url(url=data["url"])
                with transaction.atomic():
                    article = data["article"] or services.article_create_from_text(
                        url=data["url"],
                        text=data["text"],
                        title=data["title"],
                        outlet=data["outlet"],
                        language=data["language"],
                    )
                    created = services.proposals_create(
                        article=article, actor=request.user, language=data["language"] or None
                    )
            except ApplicationError as exc:
                form.add_error(None, str(exc.message))
                for field, errors in exc.fields.items():
                    if field in form.fields:
                        for error in errors:
                            form.add_error(field, error)
            else:
                self.message_user(
                    request,
                    f"{len(created)} new proposal(s) for “{article}”."
                    + (
                        "" if created else " (Nothing new: passages already proposed are not proposed again.)"
                    ),
                    messages.SUCCESS,
                )
                url = reverse("admin:extraction_claimproposal_changelist")
                return HttpResponseRedirect(f"{url}?article__id__exact={article.pk}&state__exact=proposed")
        context = {
            **self.admin_site.each_context(request),
            "title": "Extract claims from an article",
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/extraction/claimproposal/extract.html", context)


def _proposals(n: int) -> str:
    return f"{n} proposal" if n == 1 else f"{n} proposals"


def _claims(n: int) -> str:
    return "1 claim" if n == 1 else f"{n} claims"


__all__ = ["ClaimProposalAdmin", "ProposalState"]
