"""Safety and privacy on every page: CSP, no inline script, local assets, CSRF, cookie flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import SELF_CARE_CASE, Browser, make_client

PAGES = ("/", "/assess", "/diary", "/insights", "/settings")


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def test_every_page_sends_a_strict_content_security_policy(web: Browser) -> None:
    for url in PAGES:
        response = web.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
        assert "unsafe-inline" not in csp and "http" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"


def test_no_page_has_inline_script_or_style_or_third_party_assets(
    web: Browser, kb: KnowledgeBase
) -> None:
    pages = [web.get(url).text for url in PAGES]
    pages.append(web.assess(kb, SELF_CARE_CASE).text)
    for page in pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), "inline script"
        assert not re.search(r"\son\w+=", page), "inline event handler"
        assert " style=" not in page and "<style" not in page
        for asset in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page):
            assert asset.startswith("/"), asset


def test_every_post_without_the_csrf_token_is_refused(web: Browser) -> None:
    web.get("/")
    for url in ("/assess/start", "/diary/log", "/settings/forget", "/settings/profile"):
        response = web.client.post(url, data={"region": "calf", "confirm": "yes"})
        assert response.status_code == 403, url
        wrong = web.client.post(url, data={"csrf": "x" * 43, "confirm": "yes"})
        assert wrong.status_code == 403, url


def test_the_session_cookie_is_httponly_samesite_and_not_readable_as_data(web: Browser) -> None:
    cookie = web.client.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1


def test_the_cookie_is_secure_off_localhost(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from spasmcare.app import WebConfig, create_app
    from spasmcare.config import settings

    environ = {"SPASMCARE_ALLOWED_HOSTS": "clinic.example"}
    config = WebConfig.for_host(settings(tmp_path, environ=environ), "0.0.0.0")
    assert config.multi_user and config.secure_cookies
    client = TestClient(create_app(config), base_url="https://clinic.example")
    assert "Secure" in client.get("/").headers["set-cookie"]


def test_static_assets_are_served_locally(web: Browser) -> None:
    for asset in ("/static/app.css", "/static/app.js", "/static/body-map.svg"):
        assert web.client.get(asset).status_code == 200
