"""gunicorn's settings (`-c python:ops.gunicorn_conf`): its own log lines in the project's format."""

import os

from ops.logs import logging_config

logconfig_dict = logging_config(
    fmt=os.environ.get("LOG_FORMAT")
    or ("human" if os.environ.get("DEBUG", "1") not in {"0", "false", "no", "off"} else "json"),
    level=os.environ.get("LOG_LEVEL", "INFO"),
)
accesslog = None  # ops.logs.RequestIdMiddleware logs each request, with its id
