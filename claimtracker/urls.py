from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from .views import bad_request

handler400 = bad_request

admin.site.site_header = "Claimtracker"
admin.site.site_title = "Claimtracker"
admin.site.index_title = "Claims, sources and verdicts"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # The claim dossier (dossier/urls.py) under the claim admin's URLs; the admin site decides the rest.
    path("admin/", include("dossier.urls")),
    path("admin/", admin.site.urls),
    # /healthz is answered by ops.health.HealthMiddleware, before the host check.
    path("api/v1/", include(("api.urls", "api"))),
]
