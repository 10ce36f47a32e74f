"""No input makes any endpoint answer 500: hypothesis throws query strings, bodies, content types,
Accept and Accept-Language headers at every route."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newproj.web.params import PARAMETERS

PATHS = ["/", "/starter.zip", "/starter.tgz", "/preview", "/validate", "/static/app.js", "/healthz", "/x"]
#: Known parameter names half the time, so the model's validators see the values, not only unknown names.
NAMES = st.one_of(st.sampled_from(sorted(PARAMETERS)), st.text(max_size=12))
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "0", "65536", "3.13", "6.1", "sqlite", "mariadb", "ko", "UTC", "class", "-1", "010"]
    ),
)
QUERY = st.one_of(
    st.lists(st.tuples(NAMES, VALUES), max_size=6),
    st.binary(max_size=200),
)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "Accept": st.one_of(
            st.sampled_from(["application/json", "text/html", "*/*", "image/png", ""]), st.text(max_size=30)
        ),
        "Accept-Language": st.one_of(
            st.sampled_from(["ko", "en-US,ko;q=0.5", "fr", "ko;q=abc"]), st.text(max_size=30)
        ),
        "Content-Type": st.sampled_from(
            ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]
        ),
        "User-Agent": st.sampled_from(["curl/8", "HTTPie/3", "Mozilla/5.0"]),
    },
)
EXPECTED = {200, 304, 400, 404, 405, 406, 413, 415, 503}


def _printable(headers: dict[str, str]) -> dict[str, str]:
    """Printable ASCII header values: the HTTP client refuses others before anything is sent."""
    return {k: "".join(ch for ch in v if " " <= ch <= "~") for k, v in headers.items()}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(PATHS),
    method=st.sampled_from(["GET", "POST", "PUT"]),
    query=QUERY,
    body=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode), st.none()),
    headers=HEADERS,
)
def test_no_input_gets_a_500(client, path, method, query, body, headers) -> None:
    if isinstance(query, bytes):
        # Any bytes reach the server: percent-encoded, except the separators it must split on.
        target = path + "?" + quote(query, safe="=&;+%")
    else:
        target = path + ("?" + urlencode(query) if query else "")
    response = client.request(method, target, content=body, headers=_printable(headers))
    assert response.status_code in EXPECTED, response.text
    if response.status_code in (400, 413, 415, 503) and path != "/":
        errors = response.json()["errors"]
        assert errors and all(e["message"] for e in errors)
        # The last line of defence (any unforeseen exception -> 503 "could not be made") never fired.
        assert not any(e["message"].startswith("the project could not be made") for e in errors)


@pytest.mark.parametrize(
    "body", [b"[1, 2]", b'{"port": null}', b'{"port": true}', b'{"a": {"b": 1}}', b"1e999999"]
)
def test_odd_json_bodies_are_400(client, body: bytes) -> None:
    response = client.post("/starter.zip", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]
