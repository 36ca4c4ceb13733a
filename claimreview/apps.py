from django.apps import AppConfig


class ClaimReviewConfig(AppConfig):
    name = "claimreview"
    verbose_name = "ClaimReview import"
