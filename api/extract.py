"""POST /api/v1/extract/: propose claims for a text, a stored article, or a page fetched by URL.

Called with an API key of the edit scope, or from the admin with a staff editor's session.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from api.auth import ApiKeyAuthentication
from extraction import services
from extraction.text import MAX_CHARS
from sources.models import Article, Source, SourceKind

from .models import ApiKey, ApiScope


class CanExtract(BasePermission):
    """An API key with the edit scope, or a staff editor signed in to the admin (the browser)."""

    message = "Extracting claims needs an API key with the “edit” scope, or a staff editor's session."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if isinstance(request.auth, ApiKey):
            return request.auth.scope == ApiScope.EDIT
        return bool(user.is_staff and user.has_perm("claims.add_claim"))


class ExtractRequest(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=MAX_CHARS
    )
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all(), required=False)
    url = serializers.URLField(
        required=False, max_length=2000, help_text="Fetch this page (guarded) and extract from it."
    )
    language = serializers.ChoiceField(choices=["ru", "en"], required=False)
    outlet = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.filter(kind=SourceKind.OUTLET), required=False, allow_null=True
    )
    save = serializers.BooleanField(default=False)

    def validate(self, data):
        if sum(key in data for key in ("text", "article", "url")) != 1:
            raise serializers.ValidationError("Give exactly one of `text`, `article` or `url`.")
        if data.get("save") and "text" in data:
            raise serializers.ValidationError(
                {"save": ["Proposals are stored for a stored or fetched article only."]}
            )
        return data


class ExtractView(APIView):
    authentication_classes = [ApiKeyAuthentication, SessionAuthentication]
    permission_classes = [CanExtract]

    @extend_schema(
        request=ExtractRequest,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description='{"language", "claims": [...], "warnings": [...]}: each claim is a body '
                "POST /api/v1/claims/ accepts as it is (with its appearance when extracted from an article).",
            ),
            201: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description='{"article", "proposals": [{"id", "state", "claim"}]} (with save): each "claim" '
                "is a body POST /api/v1/claims/ accepts as it is.",
            ),
            400: OpenApiResponse(
                OpenApiTypes.OBJECT, description="The API's error format, with field errors."
            ),
            403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not an edit key or a staff editor."),
        },
        summary="Propose claims and attribution chains for a text, a stored article or a URL",
    )
    def post(self, request):
        # Bad input and broken pages raise; the API's exception handler gives them the one error format.
        form = ExtractRequest(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if "text" in data:
            return Response(
                services.text_extract(
                    text=data["text"], language=data.get("language"), outlet=data.get("outlet")
                )
            )
        article = data.get("article") or services.article_from_url(url=data["url"])
        if data["save"]:
            created = services.proposals_create(
                article=article, actor=request.user, language=data.get("language")
            )
            return Response(
                {
                    "article": article.pk,
                    "proposals": [{"id": p.pk, "state": p.state, "claim": p.payload} for p in created],
                },
                status=status.HTTP_201_CREATED,
            )
        return Response(services.article_extract(article=article, language=data.get("language")))
