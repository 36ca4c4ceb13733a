"""Log lines: one JSON object each in production, with the request id and the task id, secrets blanked."""

import io
import json
import logging
import logging.config

import pytest

from claimtracker.celery import app
from ops.logs import logging_config, redact


@pytest.fixture
def json_lines():
    """The project's JSON logging config, writing to a buffer; yields a reader of the lines so far."""
    stream = io.StringIO()
    config = logging_config(fmt="json", level="INFO")
    config["handlers"]["console"]["stream"] = stream
    config["handlers"]["console"]["class"] = "logging.StreamHandler"
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.handlers[:], _ = saved
    root.setLevel(saved[1])


@app.task(name="tests.ops.log_from_a_task")
def log_from_a_task():
    logging.getLogger("tests.ops").info("inside the task")


def test_a_request_logs_json_lines_carrying_its_id_and_answers_with_it(client, db, json_lines):
    response = client.get("/api/v1/claims/", HTTP_X_REQUEST_ID="desk-tool-0042")
    assert response["X-Request-ID"] == "desk-tool-0042"
    lines = [line for line in json_lines() if line["logger"] == "ops.request"]
    assert lines and lines[-1]["request_id"] == "desk-tool-0042"
    assert lines[-1]["message"].startswith("GET /api/v1/claims/ 200")
    assert {"time", "level", "logger", "message", "request_id", "task_id", "task_name"} <= set(lines[-1])


def test_a_request_id_that_does_not_look_like_one_is_replaced(client, db):
    response = client.get("/api/v1/claims/", HTTP_X_REQUEST_ID="bad id\nwith a newline")
    assert response["X-Request-ID"] != "bad id\nwith a newline" and len(response["X-Request-ID"]) == 32


def test_a_task_logs_its_id(json_lines):
    result = log_from_a_task.apply()
    line = next(line for line in json_lines() if line["message"] == "inside the task")
    assert line["task_id"] == result.id and line["task_name"] == "tests.ops.log_from_a_task"


def test_a_multi_line_message_and_a_traceback_stay_on_one_line(json_lines):
    log = logging.getLogger("tests.ops")
    try:
        raise ValueError("first line\nsecond line")
    except ValueError:
        log.exception("it broke\nbadly")
    (line,) = [line for line in json_lines() if line["logger"] == "tests.ops"]
    assert line["message"] == "it broke\nbadly" and "ValueError: first line" in line["exc_info"]


def test_secrets_are_blanked_in_messages_and_arguments(json_lines):
    key = "ct_ab12cd34_" + "Zx9" * 12
    logging.getLogger("tests.ops").warning(
        "broker %s key %s hook %s; password=hunter22 token: abc.def",
        "redis://:s3cret-pw@redis:6379/0",
        key,
        "whsec_0123456789abcdef",
    )
    message = json_lines()[-1]["message"]
    for secret in ("s3cret-pw", key, "whsec_0123456789abcdef", "hunter22", "abc.def"):
        assert secret not in message
    assert "redis://:***@redis:6379/0" in message


def test_redact_leaves_ordinary_text_alone():
    text = "Fetched https://example.org/a?b=1 in 0.3 s; the claim's password-protected page was skipped"
    assert redact(text) == text


def test_development_logs_are_readable_lines():
    config = logging_config(fmt="human")
    assert config["handlers"]["console"]["formatter"] == "human"
    with pytest.raises(ValueError):
        logging_config(fmt="xml")
