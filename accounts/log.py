"""Log lines and audit rows that cannot be forged: control characters are written escaped.

A username such as "x\\n2026-01-01 … login user=admin" would otherwise write a second, forged
line into the log; escaped, it stays one line that shows what was sent.
"""

from __future__ import annotations

import logging
import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_control(text: str) -> str:
    return CONTROL_CHARACTERS.sub(lambda match: ascii(match[0])[1:-1], text)


class EscapeControlCharacters(logging.Filter):
    """Put on a handler: the formatted message is escaped (a traceback, kept apart in
    exc_info, still prints on its own lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = escape_control(message)
        if escaped != message:
            record.msg, record.args = escaped, ()
        return True
