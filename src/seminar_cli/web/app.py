"""The HTTP layer of phones in the room (PRODUCT §6): routes, request parsing, rendering.

Each handler parses, calls one method of the core ``Room`` service (in a worker thread: the
journal is blocking SQLite), and renders JSON, HTML or an event stream.  Refusals are
``SeminarError`` children mapped to a status in ONE place (``STATUS``); their message is in the
session's language.  Imported only when serving: nothing else pays for Starlette.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from seminar_cli.errors import (
    RoomAccessError,
    RoomConflictError,
    RoomForbiddenError,
    RoomInputError,
    SeminarError,
)
from seminar_cli.i18n import t
from seminar_cli.session.answers import AnswerError
from seminar_cli.session.room import Room
from seminar_cli.web.limits import TokenBuckets

MAX_BODY = 16 * 1024  # an answer is a few hundred bytes; 20,000 characters of text fit
COOKIE = "seminar_token"
COOKIE_MAX_AGE = 24 * 3600  # a day: a seminar and its evening
POLL_SECONDS = 0.25  # how often the one poller looks at an SQLite journal
# PostgreSQL wakes the poller at each commit (NOTIFY); it still looks this often, in case a
# notification was lost with the listening connection
WAKE_TIMEOUT_SECONDS = 5.0
KEEPALIVE_SECONDS = 15.0
HERE = Path(__file__).resolve().parent

# the one place where refusals become statuses
STATUS: list[tuple[type[SeminarError], int]] = [
    (RoomAccessError, 401),
    (RoomConflictError, 409),
    (RoomForbiddenError, 403),
    (AnswerError, 422),
    (RoomInputError, 422),
]

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class TooLarge(Exception):
    pass


class TooMany(Exception):
    pass


class BadRequest(Exception):
    pass


def status_of(error: SeminarError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 500


class SecurityHeaders:
    """Every response carries the strict content security policy and its companions."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {name for name, _ in SECURITY_HEADERS}
                ]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, refused beyond ``limit`` while it is read (a Content-Length may lie)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    size = 0
    chunks = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request) -> dict[str, Any]:
    body = await read_body(request)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest from None
    if not isinstance(data, dict):
        raise BadRequest
    return data


async def read_form(request: Request) -> list[tuple[str, str]]:
    body = await read_body(request)
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest from None


def cookie_name(stream: str) -> str:
    """The token's cookie: a workshop's server has its own name for it.  Cookies do not
    tell ports apart: a phone joined in the plenary and in a workshop served from the same
    laptop keeps both tokens, and going back to one room never loses its name there."""
    return f"{COOKIE}_{stream}" if stream else COOKIE


def bearer_or_cookie(request: Request, cookie: str = COOKIE) -> str | None:
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.cookies.get(cookie)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


class Hub:
    """One poller per server follows the journal and wakes every event stream at once."""

    def __init__(self) -> None:
        self.changed = asyncio.Event()
        self.closing = False  # the server stops: every stream ends, so none is cut mid-way
        self.loop: asyncio.AbstractEventLoop | None = None  # the server's, once it runs

    def wake(self) -> None:
        woken, self.changed = self.changed, asyncio.Event()
        woken.set()

    def close(self) -> None:
        self.closing = True
        self.wake()

    def close_from_any_thread(self) -> None:
        """End every event stream before the server stops: uvicorn would otherwise cancel
        them after its grace period and print a traceback for each (on the projected
        terminal of ``start --serve``)."""
        if self.loop is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop has just stopped
                self.loop.call_soon_threadsafe(self.close)


def create_app(
    room: Room,
    join_url: str = "",
    *,
    on_closed: Callable[[], None] | None = None,
    answer_rate: tuple[float, float] = (20, 5),
    join_rate: tuple[float, float] = (300, 5),
) -> Starlette:
    """The Starlette application serving ``room``.  ``join_url``: the address printed and
    shown as a QR code.  ``on_closed``: called once the session has closed (the server may
    stop).  Rates: (burst, per second) per token for answers, per client address for joins."""
    from seminar_cli.web.pages import Pages

    lang = room.language
    cookie = cookie_name(room.stream)
    pages = Pages(room, lang, join_url)
    answers_limit = TokenBuckets(*answer_rate)
    joins_limit = TokenBuckets(*join_rate)
    hub = Hub()

    def message(key: str, **params: Any) -> str:
        return t(key, lang=lang, **params)

    def error_json(status: int, key: str, **params: Any) -> JSONResponse:
        headers = {"retry-after": "2"} if status == 429 else None
        return JSONResponse(
            {"error": key, "message": message(key, **params)}, status_code=status, headers=headers
        )

    def refusal_json(error: SeminarError) -> JSONResponse:
        return error_json(status_of(error), error.key, **error.params)

    async def guarded_json(handler: Callable[[], Awaitable[Response]]) -> Response:
        try:
            return await handler()
        except TooLarge:
            return error_json(413, "web.too_large")
        except TooMany:
            return error_json(429, "web.too_many")
        except BadRequest:
            return error_json(400, "web.bad_request")
        except SeminarError as error:
            if status_of(error) == 500:
                raise
            return refusal_json(error)

    def set_cookie(response: Response, token: str) -> None:
        response.set_cookie(
            cookie, token, max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="strict"
        )

    # -- the JSON API (PRODUCT §6) -------------------------------------------------------
    async def api_join(request: Request) -> Response:
        async def handle() -> Response:
            if not joins_limit.take(client_address(request)):
                raise TooMany
            data = await read_json(request)
            code = data.get("code")
            token, participant = await run_in_threadpool(
                room.join,
                code if isinstance(code, str) else None,
                data.get("name"),
                bearer_or_cookie(request, cookie),
                data.get("member_code"),
            )
            response = JSONResponse({"token": token, "participant": participant}, 201)
            set_cookie(response, token)
            return response

        return await guarded_json(handle)

    async def api_state(request: Request) -> Response:
        async def handle() -> Response:
            participant = await run_in_threadpool(
                room.participant, bearer_or_cookie(request, cookie)
            )
            return JSONResponse(await run_in_threadpool(room.state, participant))

        return await guarded_json(handle)

    async def api_answers(request: Request) -> Response:
        async def handle() -> Response:
            token = bearer_or_cookie(request, cookie)
            participant = await run_in_threadpool(room.participant, token)
            if not answers_limit.take(token or ""):
                raise TooMany
            data = await read_json(request)
            await run_in_threadpool(
                room.answer, participant, data.get("prompt"), data.get("value"), data.get("for")
            )
            return JSONResponse({"prompt": data.get("prompt"), "recorded": True}, 201)

        return await guarded_json(handle)

    async def api_screen(request: Request) -> Response:
        async def handle() -> Response:
            room.check_code(request.query_params.get("code"))
            return JSONResponse(await run_in_threadpool(room.state, None))

        return await guarded_json(handle)

    async def api_events(request: Request) -> Response:
        async def handle() -> Response:
            code = request.query_params.get("code")
            if code is not None:  # the projector's and the timer's read-only stream
                room.check_code(code)
            else:
                await run_in_threadpool(room.participant, bearer_or_cookie(request, cookie))
            after_text = request.headers.get("last-event-id") or request.query_params.get("after")
            after = int(after_text) if after_text and after_text.isdigit() else room.last_seq
            return StreamingResponse(
                stream(after),
                media_type="text/event-stream",
                headers={"x-accel-buffering": "no"},
            )

        return await guarded_json(handle)

    async def stream(after: int) -> AsyncIterator[str]:
        yield "retry: 3000\n\n"
        while not hub.closing:
            waiter = hub.changed
            fresh = room.events_after(after)
            for event in fresh:
                data = json.dumps({"type": event.type, **event.data}, ensure_ascii=False)
                yield f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"
                after = event.seq
            if fresh:
                continue
            try:
                await asyncio.wait_for(waiter.wait(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"

    # -- the pages -----------------------------------------------------------------------
    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status)

    def not_found() -> HTMLResponse:
        return html(pages.error(message("web.not_found")), 404)

    async def page_participant(request: Request) -> str | None:
        token = request.cookies.get(cookie)
        if not token:
            return None
        try:
            return await run_in_threadpool(room.participant, token)
        except RoomAccessError:
            return None

    def code_ok(request: Request) -> bool:
        try:
            room.check_code(request.path_params["code"])
        except RoomAccessError:
            return False
        return True

    async def phone_page(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        # a member card's QR code carries the member's personal code (`?member=CODE`): the
        # join page comes with it filled in, even on a phone already joined (as a guest)
        member_code = request.query_params.get("member")
        participant = await page_participant(request)
        if participant is None or member_code is not None:
            return html(pages.join_page(member_code=member_code))
        state = await run_in_threadpool(room.state, participant)
        return html(pages.phone_page(state, ok=request.query_params.get("ok")))

    async def phone_part(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        participant = await page_participant(request)
        if participant is None:
            return html(pages.error(message("web.no_token")), 401)
        state = await run_in_threadpool(room.state, participant)
        return html(pages.phone_part(state, ok=request.query_params.get("ok")))

    async def join_form(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        fields: dict[str, str] = {}
        try:
            if not joins_limit.take(client_address(request)):
                raise TooMany
            fields = dict(await read_form(request))
            # a roster button (``pick``) names the person; else the typed name
            typed = fields.get("pick") or fields.get("name")
            token, _participant = await run_in_threadpool(
                room.join,
                request.path_params["code"],
                typed,
                request.cookies.get(cookie),
                fields.get("member_code"),
            )
        except TooLarge:
            return html(pages.join_page(error=message("web.too_large")), 413)
        except TooMany:
            return html(pages.join_page(error=message("web.too_many")), 429)
        except BadRequest:
            return html(pages.join_page(error=message("web.bad_request")), 400)
        except SeminarError as error:
            if status_of(error) == 500:
                raise
            text = t(error.key, lang=lang, **error.params)
            # the typed name stays in its field, to be corrected rather than typed again
            return html(
                pages.join_page(
                    error=text, typed=fields.get("name"), member_code=fields.get("member_code")
                ),
                status_of(error),
            )
        response = RedirectResponse(pages.phone_url(), status_code=303)
        set_cookie(response, token)
        return response

    async def leave_form(request: Request) -> Response:
        """« Ce n'est pas moi »: this phone forgets its name (its token stays in the journal
        until the facilitator frees the name: a token is never given away by a click)."""
        if not code_ok(request):
            return not_found()
        response = RedirectResponse(pages.phone_url(), status_code=303)
        response.delete_cookie(cookie, path="/", httponly=True, samesite="strict")
        return response

    async def answer_form(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        participant = await page_participant(request)
        if participant is None:
            return RedirectResponse(pages.phone_url(), status_code=303)
        token = request.cookies.get(cookie, "")
        try:
            fields = await read_form(request)
        except TooLarge:
            return html(pages.error(message("web.too_large")), 413)
        except BadRequest:
            return html(pages.error(message("web.bad_request")), 400)
        form = pages.read_answer_form(fields)
        state = await run_in_threadpool(room.state, participant)
        if form.move is not None:  # a ranking reordered without script: show the new order
            return html(pages.phone_page(state, draft=form))
        if form.empty_election:
            refusal = message("web.election_empty")
            return html(pages.phone_page(state, draft=form, error=refusal), 422)
        if not answers_limit.take(token):
            return html(pages.phone_page(state, draft=form, error=message("web.too_many")), 429)
        try:
            await run_in_threadpool(
                room.answer, participant, form.prompt, form.value, form.on_behalf
            )
        except SeminarError as error:
            status = status_of(error)
            if status == 500:
                raise
            text = t(error.key, lang=lang, **error.params)
            state = await run_in_threadpool(room.state, participant)
            return html(pages.phone_page(state, draft=form, error=text), status)
        target = f"{pages.phone_url()}?ok={quote(str(form.prompt))}#p-{quote(str(form.prompt))}"
        return RedirectResponse(target, status_code=303)

    async def screen_page(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        state = await run_in_threadpool(room.state, None)
        return html(pages.screen_page(state, kind=request.path_params["view"]))

    async def screen_part(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        state = await run_in_threadpool(room.state, None)
        return html(pages.screen_part(state, kind=request.path_params["view"]))

    async def qr_svg(request: Request) -> Response:
        if not code_ok(request):
            return not_found()
        return Response(pages.qr_svg(), media_type="image/svg+xml")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        found = pages.static_file(name)
        if found is None:
            return not_found()
        body, media_type = found
        return Response(body, media_type=media_type)

    async def anything_else(request: Request) -> Response:
        if request.url.path.startswith("/api/"):
            return error_json(404, "web.not_found")
        return not_found()

    # -- the one poller ------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        journal = room.journal
        woken = journal.wakes_readers

        def wait_for_news(seen: int) -> None:
            journal.wait_for_events(room.row.id, seen, WAKE_TIMEOUT_SECONDS)

        async def poll() -> None:
            told = False
            seen = 0  # the session's last event looked at, any stream (what a wake-up is after)
            while True:
                try:
                    if woken:
                        seen = await run_in_threadpool(journal.last_seq, room.row.id)
                    fresh = await run_in_threadpool(room.poll)
                except SeminarError:
                    fresh = []  # a busy journal: look again next time
                if fresh:
                    hub.wake()
                if room.closed and not told and on_closed is not None:
                    told = True
                    on_closed()
                if not woken:
                    await asyncio.sleep(POLL_SECONDS)
                    continue
                try:
                    # abandoned when the server stops: the wait ends when the journal closes
                    await anyio.to_thread.run_sync(wait_for_news, seen, abandon_on_cancel=True)
                except SeminarError:  # the server is unreachable: look again a bit later
                    await asyncio.sleep(POLL_SECONDS)

        hub.loop = asyncio.get_running_loop()
        task = asyncio.create_task(poll())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    routes = [
        Route("/api/join", api_join, methods=["POST"]),
        Route("/api/state", api_state, methods=["GET"]),
        Route("/api/answers", api_answers, methods=["POST"]),
        Route("/api/events", api_events, methods=["GET"]),
        Route("/api/screen", api_screen, methods=["GET"]),
        Route("/j/{code}", phone_page, methods=["GET"]),
        Route("/j/{code}", join_form, methods=["POST"]),
        Route("/j/{code}/part", phone_part, methods=["GET"]),
        Route("/j/{code}/answer", answer_form, methods=["POST"]),
        Route("/j/{code}/leave", leave_form, methods=["POST"]),
        Route("/j/{code}/qr.svg", qr_svg, methods=["GET"]),
        Route("/j/{code}/{view:str}/part", screen_part, methods=["GET"]),
        Route("/j/{code}/{view:str}", screen_page, methods=["GET"]),
        Route("/static/{name:str}", static, methods=["GET"]),
        Route("/{rest:path}", anything_else),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(SecurityHeaders)
    app.state.end_streams = hub.close_from_any_thread
    return app
