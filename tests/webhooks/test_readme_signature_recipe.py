"""The README's recipe for receivers verifies what we send (and refuses a tampered or old request)."""

import re
import time
from pathlib import Path

from webhooks.signing import signature_header

README = Path(__file__).resolve().parents[2] / "README.md"


def _recipe():
    text = README.read_text()
    block = re.search(r"```python\n(import hashlib, hmac, time.*?)```", text, re.S).group(1)
    scope: dict = {}
    exec(block, scope)  # noqa: S102 - our own README
    return scope["claimtracker_signature_ok"]


def test_the_readme_recipe_verifies_our_signature():
    check = _recipe()
    body = b'{"id":"1-7","event":"verdict.recorded"}'
    header = signature_header("whsec_test", body)
    assert check("whsec_test", header, body)
    assert not check("whsec_test", header, body + b" ")
    assert not check("whsec_other", header, body)
    old = signature_header("whsec_test", body, timestamp=int(time.time()) - 3600)
    assert not check("whsec_test", old, body)
