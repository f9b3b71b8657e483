"""The base URLs a run of recordings may be given (:mod:`validator.contracts.base_urls`): a
URL with a scheme and a host and a port from 1 to 65535, or a path; anything else could match
no recorded URL, and is refused wherever base URLs are taken (the command line and the config:
tests/cli/test_recordings_rules.py; Dask's and Spark's ``base_urls``: here)."""

from __future__ import annotations

import pytest

from validator.contracts.base_urls import base_url_problem
from validator.scale.recordings import judge_key

NO_SCHEME = "not a URL with a scheme and a host{}, nor a path starting with /"


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/v1",
        "http://api.example.com:8080",
        "https://[::1]:8443/api",
        "HTTPS://API.EXAMPLE.COM",
        "/v1",
        "/",
        "//api.example.com/v1",
    ],
)
def test_usable_base_urls(url: str) -> None:
    assert base_url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("api.example.com/v1", NO_SCHEME.format(" (https://api.example.com/v1)")),
        ("localhost:8080/v1", NO_SCHEME.format(" (https://localhost:8080/v1)")),
        ("v1", NO_SCHEME.format(" (https://v1)")),
        ("", NO_SCHEME.format("")),
        ("mailto:api@example.com", NO_SCHEME.format("")),
        ("https:/api.example.com", NO_SCHEME.format("")),
        ("https://api.example.com:99999/v1", "the port '99999' is not one from 1 to 65535"),
        ("https://api.example.com:0", "the port '0' is not one from 1 to 65535"),
        ("https://api.example.com:http/v1", "the port 'http' is not one from 1 to 65535"),
        ("http://[::1/v1", "not a URL (Invalid IPv6 URL)"),
    ],
)
def test_base_urls_that_can_match_nothing(url: str, said: str) -> None:
    assert base_url_problem(url) == said


def test_the_scale_out_judges_refuse_them_too() -> None:
    with pytest.raises(ValueError, match=r"^base_urls: 'api.example.com': not a URL with"):
        judge_key("api.json", ["https://ok.example.com", "api.example.com"])
    assert judge_key("api.json", "https://ok.example.com")[2] == ("https://ok.example.com",)
