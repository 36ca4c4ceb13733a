from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.views import defaults


def bad_request(request, exception=None):
    """Django's 400 page, except for a request body over DATA_UPLOAD_MAX_MEMORY_SIZE: that one says what
    the limit is (413), in the API's error format under /api/ and as a readable page elsewhere."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    from extraction.text import MAX_CHARS

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = (
        f"The form sent is larger than {limit / 1024 / 1024:.0f} MB, the most one request may carry. "
        f"Pasted article text is limited to {MAX_CHARS:,} characters: paste a shorter text."
    )
    if request.path.startswith("/api/"):
        body = {"error": {"status": 413, "code": "too_large", "message": message, "fields": {}}}
        return JsonResponse(body, status=413)
    page = f"<!doctype html><title>Too large</title><h1>Too large</h1><p>{escape(message)}</p>"
    return HttpResponse(page, status=413)
