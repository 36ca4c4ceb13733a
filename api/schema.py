"""OpenAPI: every operation documents the error body it can answer with."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from .serializers import ClaimSerializer


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField(help_text="invalid, not_found, conflict, permission_denied, throttled, …")
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='What to fix per field: {"chain[0].kind": ["…"]}; "__all__" for the request as a whole.',
    )
    current = ClaimSerializer(required=False, help_text="409 only: the claim as it is now.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


READ_ERRORS = ("400", "401", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "429")


class ApiAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # Reads are open to anonymous callers (they see decided claims); say so, or clients and
        # schema-driven tests believe a key is required.
        if self.method in ("GET", "HEAD", "OPTIONS") and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = READ_ERRORS if self.method in ("GET", "HEAD") else WRITE_ERRORS
        for code in codes:
            if code not in responses:
                # Errors are JSON whatever the success body is (the CSV export's too).
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, media_types=["application/json"], direction=direction
                )
        return responses
