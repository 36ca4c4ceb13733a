"""Static files in production: whitenoise's compressed manifest storage, except that a page never fails
because `collectstatic` was not run (D18: the admin and /api/v1/docs/ answered 500). It then links the
unhashed name, logs the mistake once, and `check --deploy` says so (ops.W001)."""

import logging

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger("ops.static")


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    _warned = False

    def url(self, name, force=False):
        try:
            return super().url(name, force)
        except ValueError as exc:
            if self.hashed_files:  # collected, this one name is unknown: whitenoise relies on the error
                raise
            if not StaticFilesStorage._warned:
                StaticFilesStorage._warned = True
                logger.error("static files are not collected (%s): run manage.py collectstatic", exc)
            return FileSystemStorage.url(self, name)
