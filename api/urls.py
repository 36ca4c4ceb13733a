from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from . import views
from .extract import ExtractView


class IdConverter:
    """Ids that fit a bigint; anything longer is simply not found (never a database error)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

router = SimpleRouter()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = [
    path("claims/export/", views.ClaimExportView.as_view(), name="claim-export"),
    path("claims/<id:claim_id>/evidence/", views.ClaimEvidenceView.as_view(), name="claim-evidence"),
    path("claims/<id:claim_id>/verdicts/", views.ClaimVerdictsView.as_view(), name="claim-verdicts"),
    path("sources/<id:source_id>/aliases/", views.SourceAliasesView.as_view(), name="source-aliases"),
    path(
        "sources/<id:source_id>/aliases/<id:alias_id>/", views.SourceAliasView.as_view(), name="source-alias"
    ),
    path("claimreview/", views.ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("claimreview/import/", views.ClaimReviewImportView.as_view(), name="claimreview-import"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("extract/", ExtractView.as_view(), name="extract"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
    re_path(r"^[\s\S]*$", views.api_not_found),
]
