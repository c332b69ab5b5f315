"""The pages of phones in the room: Jinja2 templates (autoescaped: what people typed is text,
never markup), the forms' fields, the static files and the QR code of the join address."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

import jinja2

from seminar_cli.agenda.models import PromptType
from seminar_cli.durations import format_clock
from seminar_cli.i18n import ROOM_PLACES, Language, counted, number_text, plural, t
from seminar_cli.minutes.summary import room_count_key
from seminar_cli.session.prompt_types import PROMPT_TYPES
from seminar_cli.session.room import Room

STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}


@dataclass
class AnswerForm:
    """An answer sent by a form (no script): its prompt, its value as answers files take it,
    and for a ranking reordered with a button, the move and the order shown."""

    prompt: str | None
    value: Any
    order: list[str] = field(default_factory=list)
    move: tuple[str, int] | None = None
    on_behalf: str | None = None  # a secret ballot cast for a member one represents
    # an election sent with nothing ticked by « Envoyer », not by « Voter blanc »: refused, a
    # blank ballot is cast only on purpose (the JSON API's explicit [] stays a blank ballot)
    empty_election: bool = False


def clock_text(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` beyond an hour), ``+mm:ss`` in overtime."""
    return ("+" if seconds < 0 else "") + format_clock(seconds)


def option_text(item: dict[str, Any], option: str) -> str:
    """How an option of a prompt or of its results reads on a page (``item``: a prompt or a
    result of the room's state, with its ``type`` and ``labels``): a vote's or a yes/no's code
    by its word, capitalised as an option stands alone (« Pour », « Oui », as the PV writes
    them); a rating's value with its word when it has one (« 1 — Pas du tout »)."""
    option = str(option)
    kind = PromptType(item["type"])
    label = item["labels"].get(option)
    if PROMPT_TYPES[kind].code(option) is not None:
        word = label or option
        return word[:1].upper() + word[1:]
    if kind is PromptType.rating and label:
        return f"{option} — {label}"
    return option


def warning_level(segment: dict[str, Any] | None) -> str:
    if segment is None:
        return "idle"
    remaining = segment["remaining_seconds"]
    if remaining < 0:
        return "over"
    warnings = segment.get("warnings") or []
    if warnings and remaining <= warnings[0]:
        return "warn"
    return "ok"


class Pages:
    def __init__(self, room: Room, lang: Language, join_url: str) -> None:
        self.room = room
        self.lang = lang
        self.join_url = join_url
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("seminar_cli.web", "templates"),
            autoescape=True,  # every template: a participant's name or answer is text
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            t=self._t,
            t_count=self._t_count,
            results_count=self._results_count,
            mean_text=self._mean_text,
            option_text=option_text,
            clock_text=clock_text,
            warning_level=warning_level,
            code=room.code,
        )

    def _t(self, key: str, **params: Any) -> str:
        return t(key, lang=self.lang, **params)

    def _t_count(self, key: str, count: float, /, **params: Any) -> str:
        """``key`` in the singular or the plural for ``count`` (« 1 pt », « 4 pts »)."""
        return t(plural(key, count, self.lang), lang=self.lang, **params)

    def _results_count(self, result: dict[str, Any]) -> str:
        """The line above a closed prompt's results, as the room screen says it: « 3 réponses »,
        an election's « 1 bulletin », a vote's « 2 voix »."""
        return counted(room_count_key(result["type"]), result["count"], self.lang)

    def _mean_text(self, value: float) -> str:
        return number_text(value, self.lang, places=ROOM_PLACES)

    def phone_url(self) -> str:
        return f"/j/{self.room.code}"

    def _render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(lang=self.lang, **context)

    # -- pages ---------------------------------------------------------------------------
    def join_page(
        self, error: str | None = None, typed: str | None = None, member_code: str | None = None
    ) -> str:
        from seminar_cli.session.join import name_key

        # each name with its folded form, which picker.js compares with what is typed
        roster = [{"name": name, "fold": name_key(name)} for name in self.room.picker_names()]
        shown = self.room.state(None)
        title = shown["session"]["title"]
        return self._render(
            "name_picker.html.j2",
            workshop=shown["workshop"],
            roster=roster,
            error=error,
            typed=typed or "",
            session_title=title,
            member_codes=self.room.members_need_codes,
            member_code=(member_code or "")[:40],
        )

    def phone_page(
        self,
        state: dict[str, Any],
        *,
        ok: str | None = None,
        draft: AnswerForm | None = None,
        error: str | None = None,
    ) -> str:
        return self._render("phone.html.j2", state=state, ok=ok, draft=draft, error=error)

    def phone_part(self, state: dict[str, Any], *, ok: str | None = None) -> str:
        return self._render("phone_part.html.j2", state=state, ok=ok, draft=None, error=None)

    def screen_page(self, state: dict[str, Any], *, kind: str) -> str:
        return self._render(f"{self._view(kind)}.html.j2", state=state, join_url=self.join_url)

    def screen_part(self, state: dict[str, Any], *, kind: str) -> str:
        return self._render(f"{self._view(kind)}_part.html.j2", state=state, join_url=self.join_url)

    @staticmethod
    def _view(kind: str) -> str:
        return "timer" if kind == "timer" else "screen"

    def error(self, message: str) -> str:
        return self._render("error.html.j2", message=message)

    # -- forms ---------------------------------------------------------------------------
    def read_answer_form(self, fields: list[tuple[str, str]]) -> AnswerForm:
        prompt_id = next((v for k, v in fields if k == "prompt"), None)
        values = [v for k, v in fields if k == "value"]
        order = [v for k, v in fields if k == "order"]
        move_text = next((v for k, v in fields if k == "move"), None)
        move: tuple[str, int] | None = None
        if move_text:
            direction, _, index = move_text.partition(":")
            if direction in ("up", "down") and index.isdigit():
                move = (direction, int(index))
        found = self.room.find_prompt(prompt_id) if prompt_id else None
        kind = found.type if found else None
        value: Any
        on_behalf = next((v for k, v in fields if k == "for"), None)
        blank = any(k == "blank" for k, _v in fields)
        empty_election = False
        if kind is PromptType.election:
            value = [] if blank else values
            empty_election = not blank and not values
        elif kind is PromptType.multi:
            value = values
        elif kind is PromptType.ranking:
            if move is not None:
                order = moved(order, *move)
            value = order
        else:
            value = values[0] if values else None
        return AnswerForm(prompt_id, value, order, move, on_behalf, empty_election)

    # -- files ---------------------------------------------------------------------------
    def static_file(self, name: str) -> tuple[bytes, str] | None:
        suffix = name[name.rfind(".") :] if "." in name else ""
        if suffix not in STATIC_TYPES or "/" in name or name.startswith("."):
            return None
        resource = resources.files("seminar_cli.web").joinpath("static", name)
        if not resource.is_file():
            return None
        return resource.read_bytes(), STATIC_TYPES[suffix]

    @cached_property
    def _qr_svg(self) -> str:
        import segno

        qr = segno.make(self.join_url or self.phone_url(), error="m")
        buffer = io.BytesIO()
        qr.save(buffer, kind="svg", scale=8, border=2, dark="#000", light="#fff")
        return buffer.getvalue().decode("utf-8")

    def qr_svg(self) -> str:
        return self._qr_svg


def moved(order: list[str], direction: str, index: int) -> list[str]:
    """``order`` with the item at ``index`` moved one place up or down."""
    other = index - 1 if direction == "up" else index + 1
    if not (0 <= index < len(order) and 0 <= other < len(order)):
        return order
    result = list(order)
    result[index], result[other] = result[other], result[index]
    return result
