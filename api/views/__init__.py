"""The API's views, one module per resource; the names are re-exported here for the URLconf."""

from .changes import CHANGES_LIMIT, ChangesView
from .claimreview import ClaimReviewFeedView, ClaimReviewImportView
from .claims import ClaimChildMixin, ClaimEvidenceView, ClaimVerdictsView, ClaimViewSet
from .common import (
    NOT_MODIFIED,
    ConditionalRetrieveMixin,
    api_not_found,
    claim_queryset,
    claimreview_queryset,
)
from .coverage import ArticleViewSet, SourceAliasesView, SourceAliasView, SourceViewSet
from .export import ClaimExportView

__all__ = [
    "ArticleViewSet",
    "CHANGES_LIMIT",
    "ChangesView",
    "ClaimChildMixin",
    "ClaimEvidenceView",
    "ClaimExportView",
    "ClaimReviewFeedView",
    "ClaimReviewImportView",
    "ClaimVerdictsView",
    "ClaimViewSet",
    "ConditionalRetrieveMixin",
    "NOT_MODIFIED",
    "SourceAliasView",
    "SourceAliasesView",
    "SourceViewSet",
    "api_not_found",
    "claim_queryset",
    "claimreview_queryset",
]
