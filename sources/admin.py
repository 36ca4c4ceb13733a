from django.contrib import admin

from .models import Article, Feed, OutletDomain, Source, SourceAlias


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1


class OutletDomainInline(admin.TabularInline):
    model = OutletDomain
    extra = 0


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "outlet", "active", "poll_interval"]
    list_filter = ["active"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["outlet"]
