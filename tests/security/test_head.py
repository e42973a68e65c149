"""HEAD answers like GET on every URL of the matrix whose GET is allowed (Django's
require_safe): the same status and redirect for every role, never 405, and no body."""

from __future__ import annotations

import pytest

from tests.security.test_url_matrix import ROLES, _case_urls, _clients, _observed, _request


@pytest.mark.django_db
def test_head_answers_like_get_on_every_get_view_for_every_role(world):
    cookies = _clients(world)
    wrong, checked = [], 0
    for name, case, url in _case_urls(world):
        if "GET" not in case.methods:
            continue
        data = case.data(world)
        for role in ROLES:
            get = _request(cookies.get(role), "GET", url, data)
            head = _request(cookies.get(role), "HEAD", url, data)
            checked += 1
            body = (
                b"".join(head.streaming_content)
                if getattr(head, "streaming", False)
                else head.content
            )
            if _observed(head) != _observed(get) or body:
                wrong.append(
                    f"{name} {case.label} {url} as {role}: GET {_observed(get)}, "
                    f"HEAD {_observed(head)}{' with a body' if body else ''}"
                )
    assert checked > 300
    assert not wrong, "HEAD differs from GET:\n" + "\n".join(wrong)
