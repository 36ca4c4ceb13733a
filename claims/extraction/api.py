"""POST /api/v1/extract/: propose claims for a text, or store proposals for a stored article.

Self-contained until the REST API lands: session authentication, staff users with claims.add_claim,
JSON in and out.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from sources.models import Article, Source, SourceKind

from ..errors import ApplicationError, NotAllowed
from . import services
from .text import MAX_CHARS


class IsStaffEditor(BasePermission):
    message = "Only staff editors (permission claims.add_claim) may extract claims."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff and user.has_perm("claims.add_claim"))


class ExtractRequest(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=MAX_CHARS
    )
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all(), required=False)
    language = serializers.ChoiceField(choices=["ru", "en"], required=False)
    outlet = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.filter(kind=SourceKind.OUTLET), required=False, allow_null=True
    )
    save = serializers.BooleanField(default=False)

    def validate(self, data):
        if ("text" in data) == ("article" in data):
            raise serializers.ValidationError("Give either `text` or `article`.")
        if data.get("save") and "article" not in data:
            raise serializers.ValidationError({"save": ["Proposals are stored for a stored article only."]})
        return data


class ExtractView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated, IsStaffEditor]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        request=ExtractRequest,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description='{"language", "claims": [...], "warnings": [...]}'
            ),
            201: OpenApiResponse(
                OpenApiTypes.OBJECT, description='{"article", "proposals": [...]} (with save)'
            ),
            400: OpenApiResponse(
                OpenApiTypes.OBJECT, description='{"detail", "fields": {field: [messages]}}'
            ),
            403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not a staff editor."),
        },
        summary="Propose claims and attribution chains for a text or a stored article",
    )
    def post(self, request):
        form = ExtractRequest(data=request.data)
        if not form.is_valid():
            return Response({"detail": "Invalid request.", "fields": form.errors}, status=400)
        data = form.validated_data
        try:
            if "text" in data:
                result = services.text_extract(
                    text=data["text"], language=data.get("language"), outlet=data.get("outlet")
                )
                return Response(result)
            article = data["article"]
            if data["save"]:
                created = services.proposals_create(
                    article=article, actor=request.user, language=data.get("language")
                )
                return Response(
                    {
                        "article": article.pk,
                        "proposals": [{"id": p.pk, "state": p.state, **p.payload} for p in created],
                    },
                    status=status.HTTP_201_CREATED,
                )
            return Response(services.article_extract(article=article, language=data.get("language")))
        except NotAllowed as exc:
            return Response({"detail": exc.message}, status=403)
        except ApplicationError as exc:
            return Response({"detail": exc.message, "fields": exc.fields}, status=400)
