"""JSON text from outside, read with a depth limit.

`json.loads` recurses once per nesting level, so `'[' * 1000 + ']' * 1000` raises RecursionError (a
500 wherever it is not caught), and a document a few hundred levels deep is still parsed only to
overflow the stack of whatever walks it next. No document we accept needs more than a few dozen
levels: deeper ones are refused with a ValueError that says why.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


class TooDeep(ValueError):
    def __init__(self, limit: int):
        super().__init__(f"the JSON is nested more than {limit} levels deep")
        self.limit = limit


def nesting_depth(text: str | bytes, *, stop_at: int | None = None) -> int:
    """How deep brackets nest in a JSON text (brackets inside strings do not count). Linear, no recursion."""
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", errors="replace")
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_at is not None and deepest > stop_at:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def loads_bounded(text: str | bytes, *, max_depth: int = MAX_DEPTH, **kwargs: Any) -> Any:
    """`json.loads`, but a document nested deeper than `max_depth` raises `TooDeep` (a ValueError)."""
    if nesting_depth(text, stop_at=max_depth) > max_depth:
        raise TooDeep(max_depth)
    try:
        return json.loads(text, **kwargs)
    except RecursionError:  # pragma: no cover - the depth check above comes first
        raise TooDeep(max_depth) from None
