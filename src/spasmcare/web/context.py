"""What each request works with: the services, its session, the person and their diary.

Every page gets a session (a random cookie; the database keeps its hash once there is anything
to keep), so forms carry a CSRF token and the interview's answers stay on the server, never in
a URL.
"""

from __future__ import annotations

import ipaddress
import os
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import anyio
from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData

from spasmcare import clock
from spasmcare.accounts.people import People, Person
from spasmcare.accounts.security import same
from spasmcare.accounts.sessions import Session, Sessions
from spasmcare.accounts.tokens import Tokens
from spasmcare.clinic import shared
from spasmcare.clinic.audit import Audit
from spasmcare.clinic.consent import Consents
from spasmcare.clinic.limits import RateLimiter, limiter
from spasmcare.kb.load import KnowledgeBase, load_default
from spasmcare.services.accounts import Accounts
from spasmcare.services.admin import Admin
from spasmcare.services.diary import LOCAL_OWNER, Store
from spasmcare.services.invitations import Invitations

if TYPE_CHECKING:
    from spasmcare.web.config import WebConfig

HERE = Path(__file__).resolve().parent
COOKIE = "spasmcare_session"
DEVICE_COOKIE = "spasmcare_device"
"""Set at each sign-in: this browser is known to the account (see accounts.devices)."""
CSRF_COOKIE = "spasmcare_csrf"
"""The CSRF token of a visitor whose session is kept nowhere yet (double-submit: a form must
carry the same value, which another site can neither read nor set)."""
_CSRF_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")
CallNext = Callable[[Request], Awaitable[Response]]
P = ParamSpec("P")
T = TypeVar("T")
HASHING = anyio.CapacityLimiter(max(1, (os.cpu_count() or 1)))
"""Password work (Argon2: a core and 64 MB each) running at once; more callers wait their turn
without holding a worker thread."""


async def hashing(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run work that hashes or checks a password in a worker thread, a few at a time: never on
    the event loop, where it would stall every other request."""
    return await anyio.to_thread.run_sync(lambda: work(*args, **kwargs), limiter=HASHING)


@dataclass
class Services:
    """Shared by every request: configuration, knowledge base, database and templates."""

    config: WebConfig
    kb: KnowledgeBase
    store: Store
    people: People
    sessions: Sessions
    templates: Environment
    tokens: Tokens
    consents: Consents
    audit: Audit
    limiter: RateLimiter
    accounts: Accounts
    invitations: Invitations
    admin: Admin

    @classmethod
    def open(cls, config: WebConfig) -> Services:
        store = Store(config.settings)
        templates = Environment(
            loader=FileSystemLoader([HERE / "templates", HERE / "static"]),
            autoescape=select_autoescape(["html", "svg"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        minutes = config.settings.session_idle_minutes
        sessions = Sessions(store.engine, timedelta(minutes=minutes),
                            timedelta(hours=config.settings.session_hours))  # fmt: skip
        sessions.sweep(clock.stored_now())
        e = store.engine
        people, consents = People(e), Consents(e)
        accounts, smtp = Accounts(people, sessions, e), config.settings.smtp
        return cls(
            config, load_default(), store, people, sessions, templates, Tokens(e),
            consents, Audit(e), limiter(e, config.settings.redis_url), accounts,
            Invitations(e, people, consents, smtp), Admin(accounts, store, smtp),
        )  # fmt: skip

    def close(self) -> None:
        self.store.close()


def services(request: Request) -> Services:
    found: Services = request.app.state.web
    return found


def _secure(request: Request) -> bool:
    if request.url.scheme == "https":
        return True
    host = request.url.hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    return services(request).config.secure_cookies or not loopback


async def with_session(request: Request, call_next: CallNext) -> Response:
    """Attach the session, then keep it. A request with no live session cookie gets one kept
    nowhere, its CSRF token in a cookie of its own: it is stored (one row) only once it holds
    something, such as a sign-in or an interview, so reading pages writes nothing."""
    if request.url.path.startswith(("/static/", "/calendar/")):
        return await call_next(request)
    web = services(request)
    token = request.cookies.get(COOKIE)
    moment = clock.stored_now()
    # The database is read and written in a worker thread: a write that waits for the SQLite
    # lock must not stall the event loop and with it every other request.
    session = await run_in_threadpool(web.sessions.get, token, moment) if token else None
    if session is None:
        carried = request.cookies.get(CSRF_COOKIE, "")
        session = web.sessions.anonymous(carried if _CSRF_SHAPE.match(carried) else None)
    request.state.session = session
    response = await call_next(request)
    current: Session = request.state.session  # sign-in and sign-out replace it
    if not current.stored and current.changed:
        await run_in_threadpool(web.sessions.keep, current, moment)
    elif web.sessions.needs_saving(current, moment):
        await run_in_threadpool(web.sessions.save, current, moment)
    secure = _secure(request)
    if current.token is not None:
        response.set_cookie(
            COOKIE, current.token, max_age=int(web.sessions.lifetime.total_seconds()),
            httponly=True, samesite="lax", secure=secure, path="/",
        )  # fmt: skip
    elif token and not current.stored:  # the cookie's session has ended
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure)
    if not current.stored and request.cookies.get(CSRF_COOKIE) != current.csrf:
        response.set_cookie(CSRF_COOKIE, current.csrf, httponly=True, samesite="lax",
                            secure=secure, path="/")  # fmt: skip
    return response


def session(request: Request) -> Session:
    found: Session = request.state.session
    return found


def replace_session(request: Request, person_id: int | None) -> Session:
    """A fresh session (new token, new CSRF token) on sign-in and sign-out: no fixation.
    Blocking: call it in a worker thread."""
    web = services(request)
    web.sessions.end(session(request))
    if person_id is None:
        fresh = web.sessions.anonymous()
    else:
        fresh = web.sessions.new(clock.stored_now(), person_id)
    request.state.session = fresh
    return fresh


def remember_device(request: Request, response: Response, device: str) -> None:
    response.set_cookie(DEVICE_COOKIE, device, max_age=365 * 86400, httponly=True,
                        samesite="lax", secure=_secure(request), path="/")  # fmt: skip


def person(request: Request) -> Person | None:
    ident = session(request).person_id
    return services(request).people.get(ident) if ident is not None else None


def multi_user(request: Request) -> bool:
    return services(request).config.multi_user


def owner(request: Request) -> int:
    """Whose diary this request may read: the signed-in person, or the single local person."""
    if not multi_user(request):
        return LOCAL_OWNER
    ident = session(request).person_id
    if ident is None:
        raise HTTPException(303, headers={"Location": "/signin"})
    return ident


def address(request: Request) -> str:
    """The client's address (behind a proxy, uvicorn's --proxy-headers sets it)."""
    return request.client.host if request.client else "unknown"


def limit(request: Request, kind: str, who: str, allowed: int) -> None:
    """Raise 429 once ``who`` passes ``allowed`` requests of ``kind`` this minute."""
    verdict = services(request).limiter.hit(kind, who, allowed, time.time())
    if not verdict.allowed:
        raise HTTPException(
            429, "Too many attempts: wait a minute and try again.",
            headers={"Retry-After": str(verdict.retry_after)},
        )  # fmt: skip


def signed_in(request: Request) -> Person:
    """The signed-in person (multi-user mode), else a redirect to sign in."""
    who = person(request) if multi_user(request) else None
    if who is None:
        if not multi_user(request):
            raise HTTPException(404, "This page is for clinic mode (--multi-user).")
        raise HTTPException(303, headers={"Location": "/signin"})
    return who


def shared_diary(request: Request, patient: int, action: str) -> Store:
    """Someone's diary, for its owner or a clinician they share it with (audited); else 404.

    Consent is read from the database on every call, so a revocation applies at once.
    """
    web = services(request)
    who = signed_in(request)
    if who.id == patient:
        return web.store.as_owner(patient)
    found = shared.shared_diary(
        web.store, web.consents, web.audit, who, patient, action, clock.stored_now()
    )
    if found is None:
        raise HTTPException(404, "There is no such patient among those sharing with you.")
    return found


def diary(request: Request) -> Store:
    """The diary of whoever may use this request (redirects to sign-in when nobody)."""
    return services(request).store.as_owner(owner(request))


async def form(request: Request) -> FormData:
    """The posted form, once its CSRF token has been checked."""
    data = await request.form()
    token = data.get("csrf")
    if not isinstance(token, str) or not same(token, session(request).csrf):
        raise HTTPException(403, "This form has expired. Go back, reload the page and try again.")
    return data


def flash(request: Request, message: str, kind: str = "info", **extra: Any) -> None:
    """A message for the next page shown (after a redirect)."""
    s = session(request)
    s.data.setdefault("flash", []).append({"message": message, "kind": kind, **extra})
    s.changed = True


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def render(
    request: Request, template: str, values: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """A page from its template, with what every page needs (CSRF token, person, messages)."""
    web = services(request)
    s: Session | None = getattr(request.state, "session", None)
    messages = s.data.pop("flash", []) if s is not None else []
    if messages and s is not None:
        s.changed = True
    who = person(request) if s is not None else None
    page = web.templates.get_template(template).render(
        csrf=s.csrf if s is not None else "",
        person=who,
        multi_user=web.config.multi_user,
        messages=messages,
        path=request.url.path,
        **(values or {}),
    )
    return HTMLResponse(page, status_code=status)
