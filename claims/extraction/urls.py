"""Mounted at /api/v1/extract/ (see claimtracker/urls.py)."""

from django.urls import path

from .api import ExtractView

app_name = "extraction"
urlpatterns = [path("", ExtractView.as_view(), name="extract")]
