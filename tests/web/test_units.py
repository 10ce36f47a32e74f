"""The pieces under the endpoints: content negotiation, Accept-Language, and metadata that follows the model."""

from __future__ import annotations

import dataclasses

import newproj
import pytest
from newproj.web import metadata as metadata_module
from newproj.web.app import negotiate
from newproj.web.language import accept_language
from newproj.web.metadata import METADATA_TYPE


@pytest.mark.parametrize(
    ("accept", "agent", "expected"),
    [
        (None, "curl/8.5.0", "text/plain"),
        ("*/*", "HTTPie/3.2.2", "text/plain"),
        ("application/json", "curl/8.5.0", "application/json"),
        (METADATA_TYPE, None, METADATA_TYPE),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "Mozilla/5.0", "text/html"),
        ("text/plain", "Mozilla/5.0", "text/plain"),
        ("application/json;q=0.5, text/html", None, "text/html"),
        ("application/json;q=0, image/png", None, None),
        (None, None, "application/json"),
        ("image/png", "Mozilla/5.0", None),
    ],
)
def test_negotiate(accept, agent, expected) -> None:
    assert negotiate(accept, agent) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("ko", "ko"),
        ("ko-KR,ko;q=0.9,en-US;q=0.8", "ko"),
        ("en-US,ko;q=0.9", "en"),
        ("fr-FR,ko;q=0.5", "ko"),
        ("fr, de", "en"),
        ("ko;q=0, en;q=0.1", "en"),
        ("ko;q=abc", "en"),
        # a tie goes to the earlier range, whichever language it is
        ("fr, en;q=0.5, ko;q=0.5", "en"),
        ("fr, ko;q=0.5, en;q=0.5", "ko"),
        ("en;q=0.8, ko;q=0.8", "en"),
        ("ko;q=0.8, en;q=0.8", "ko"),
    ],
)
def test_accept_language(header, expected) -> None:
    assert accept_language(header) == expected


def test_a_field_added_to_the_model_appears_in_the_metadata_and_the_help(monkeypatch) -> None:
    """A feature switch added to the model later shows up with no change to the service."""
    extra = dataclasses.replace(
        newproj.FIELDS[0],
        name="redis",
        label={"en": "Redis cache", "ko": "Redis 캐시"},
        flag="--redis",
        default=lambda _answers: False,
        choices=None,
        help={"en": "a Redis service for Django's cache", "ko": "Django 캐시용 Redis 서비스"},
    )
    monkeypatch.setattr(newproj, "FIELDS", (*newproj.FIELDS, extra))
    metadata_module.metadata.cache_clear()
    metadata_module.metadata_body.cache_clear()
    try:
        field = metadata_module.metadata()["fields"][-1]
        assert field["parameter"] == "redis" and field["type"] == "boolean" and field["default"] is False
        assert field["label"]["ko"] == "Redis 캐시"
        assert any(
            line.split()[:2] == ["redis", "False"]
            for line in metadata_module.help_text("http://x", "en").splitlines()
        )
    finally:
        metadata_module.metadata.cache_clear()
        metadata_module.metadata_body.cache_clear()
