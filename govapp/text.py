"""One input hygiene for forms and the API: what text and JSON govapp accepts, with the words of a refusal.

- **Control characters** (U+0000-U+001F and U+007F) are refused: they cannot be seen, would be
  stored as boxes, and stop Word documents being built. Newlines and tabs are allowed in multi-line
  text (a textarea, or an API field documented as multi-line), and nowhere else.
- **Lone surrogates** (half of a UTF-16 pair, which JSON can spell as ``\\ud800``) are refused: no
  database or document can store them.
- **JSON** must be UTF-8, must parse, and may nest at most ``MAX_JSON_DEPTH`` deep.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_JSON_DEPTH = 20

_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def text_problem(value: str, *, multiline: bool) -> str | None:
    """What is wrong with ``value`` as text (control characters, lone surrogates), or ``None``."""
    if _SURROGATE.search(value):
        return "contains a broken character (half of a pair). Type it again, or paste it as plain text."
    if (_MULTI_LINE if multiline else _SINGLE_LINE).search(value):
        allowed = "Line breaks and tabs are fine. " if multiline else ""
        return f"contains control characters, which are invisible. {allowed}Remove them, or paste it as plain text."
    return None


def _depth(value: Any) -> int:
    """How deeply ``value`` nests (iteratively, so a hostile document cannot exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _surrogates(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and _SURROGATE.search(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def read_json(raw: bytes) -> Any:
    """The JSON document in ``raw``; ``ValueError`` with words if it is not UTF-8, not JSON, nested too
    deeply, or holds lone surrogates."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("The request body is not valid UTF-8. Send JSON encoded as UTF-8.") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"The JSON nests too deeply: at most {MAX_JSON_DEPTH} levels are accepted.") from None
    except ValueError as error:
        raise ValueError(f"The request body is not valid JSON ({error}).") from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise ValueError(f"The JSON nests too deeply: at most {MAX_JSON_DEPTH} levels are accepted.")
    if _surrogates(data):
        raise ValueError("The JSON contains a lone surrogate (half of a UTF-16 pair), which cannot be stored.")
    return data
