from django import forms
from django.contrib import admin

from .errors import FetchError
from .guard import check_url
from .models import Article, Feed, FeedState, Fetch, OutletDomain, Source, SourceAlias
from .services import fetch_retry_now, source_clash


class SourceForm(forms.ModelForm):
    """The registry's duplicate rule in the admin: one source per folded name and kind."""

    class Meta:
        model = Source
        fields = ["kind", "name", "role", "affiliation", "reliability", "description"]

    def clean(self):
        data = super().clean()
        name, kind = data.get("name"), data.get("kind")
        if name and kind:
            problem = source_clash(name=name, kind=kind, exclude=self.instance if self.instance.pk else None)
            if problem:
                self.add_error("name", problem)
        return data


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1


class OutletDomainInline(admin.TabularInline):
    model = OutletDomain
    extra = 0


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = ["name", "kind", "role", "affiliation", "reliability", "alias_list"]
    list_filter = ["kind", "reliability"]
    search_fields = ["name", "aliases__name", "role", "domains__domain"]
    autocomplete_fields = ["affiliation"]
    inlines = [SourceAliasInline, OutletDomainInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("affiliation").prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, obj: Source) -> str:
        return ", ".join(alias.name for alias in obj.aliases.all())


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title_or_url", "outlet", "language", "published_at", "copy_of"]
    list_filter = ["language", ("outlet", admin.RelatedOnlyFieldListFilter), "published_at"]
    search_fields = ["title", "url", "text"]
    autocomplete_fields = ["outlet"]
    raw_id_fields = ["copy_of"]
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    date_hierarchy = "published_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet", "copy_of")

    @admin.display(description="article", ordering="title")
    def title_or_url(self, obj: Article) -> str:
        return obj.title or obj.url


class FeedStateInline(admin.StackedInline):
    model = FeedState
    can_delete = False
    extra = 0
    readonly_fields = [
        "next_poll_at",
        "last_polled_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "etag",
        "last_modified",
    ]


class FeedForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = ["url", "outlet", "title", "active", "poll_interval"]

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        try:
            check_url(url)  # the same door as add_feed: a URL the fetcher can never fetch is refused
        except FetchError as exc:
            raise forms.ValidationError(exc.message) from None
        return url


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ["url", "title", "outlet", "active", "poll_interval", "failures", "problem"]
    list_filter = ["active"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["outlet"]
    inlines = [FeedStateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet", "state")

    @admin.display(description="failures in a row")
    def failures(self, obj: Feed) -> int:
        state = getattr(obj, "state", None)
        return state.consecutive_failures if state else 0

    @admin.display(description="why it is failing")
    def problem(self, obj: Feed) -> str:
        state = getattr(obj, "state", None)
        return (state.last_error[:120] if state else "") or "—"


# --- Ingestion: fetch rows and feed state, so the desk can see what came in and what failed ----------


@admin.register(Fetch)
class FetchAdmin(admin.ModelAdmin):
    list_display = ["what", "kind", "status", "attempts", "http_status", "error", "duration_ms", "created_at"]
    list_filter = ["status", "kind", ("feed", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["url", "query", "last_error"]
    date_hierarchy = "created_at"
    raw_id_fields = ["feed", "parent", "article"]
    actions = ["retry_now"]
    readonly_fields = [
        "kind",
        "url",
        "query",
        "connector",
        "feed",
        "parent",
        "article",
        "status",
        "attempts",
        "http_status",
        "last_error",
        "final_url",
        "content_type",
        "detail",
        "created_at",
        "enqueued_at",
        "started_at",
        "finished_at",
        "duration_ms",
        "next_attempt_at",
        "lease_until",
    ]

    def has_add_permission(self, request):
        return False  # fetches come from feeds, searches and `fetch_url`, not by hand

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    @admin.display(description="URL or query", ordering="url")
    def what(self, obj: Fetch) -> str:
        return obj.query or obj.url

    @admin.display(description="last error")
    def error(self, obj: Fetch) -> str:
        return obj.last_error[:120]

    @admin.action(description="Retry the selected failed or waiting fetches now")
    def retry_now(self, request, queryset):
        count = sum(fetch_retry_now(fetch=fetch) for fetch in queryset)
        self.message_user(request, f"{count} fetch(es) queued again.")
