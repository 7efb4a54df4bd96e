"""JSON text parsed as the service's inputs need: nesting too deep for Python's parser is
invalid JSON (a ValueError, answered 422), not a RecursionError that escapes as a 500."""
from __future__ import annotations

import json
from typing import Any


def loads(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("the JSON is nested too deeply") from exc
