"""Before and during a session: the few questions of ``seminar start`` and the attendance.

Asked with questionary, once, and only for what neither the command line nor the agenda
gives.  The attendance is quick for a room of sixty: one screen lists the whole roster with
everyone ticked as present; the facilitator unticks those who are not there and says, for
them only, whether they are excused, absent or represented (and by whom).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from seminar_cli.agenda.models import Agenda, Participant
from seminar_cli.errors import Interrupted
from seminar_cli.i18n import t
from seminar_cli.session.service import Attendance, SessionSetup

if TYPE_CHECKING:
    from seminar_cli.journal.state import SessionState

_OTHER = "\x00other"
_BACK = "\x00back"


def _answer(question: Any) -> Any:
    """The answer, or stop (exit 130) on Ctrl-C: nothing has been recorded yet."""
    value = question.ask()
    if value is None:
        raise Interrupted("common.interrupted")
    return value


def _blank_ok(message: str) -> str | None:
    import questionary

    value = _answer(questionary.text(message, instruction=t("setup.blank_ok")))
    return str(value).strip() or None


def ask_setup(agenda: Agenda, setup: SessionSetup) -> SessionSetup:
    """Place, facilitator and secretary, asked only when the flags and the agenda leave them
    open; Enter leaves one blank."""
    place, facilitator, secretary = setup.place, setup.facilitator, setup.secretary
    if place is None and agenda.place is None:
        place = _blank_ok(t("setup.ask_place"))
    if facilitator is None:
        facilitator = _blank_ok(t("setup.ask_facilitator"))
    if secretary is None:
        given = agenda.assembly.secretary if agenda.assembly else None
        secretary = given or _blank_ok(t("setup.ask_secretary"))
    return replace(setup, place=place, facilitator=facilitator, secretary=secretary)


def _label(person: Participant) -> str:
    return f"{person.name} — {person.organization}" if person.organization else person.name


def _not_empty(value: str) -> bool | str:
    return True if value.strip() else t("setup.need_name")


def _status_choices(*statuses: str) -> list[Any]:
    import questionary

    return [questionary.Choice(t(f"live.status.{s}"), value=s) for s in statuses]


def _represented_by(name: str, others: list[str]) -> str:
    import questionary

    question = questionary.autocomplete(
        t("setup.represented_by", name=name), choices=others, validate=_not_empty
    )
    return str(_answer(question)).strip()


def ask_attendance(agenda: Agenda) -> list[Attendance]:
    """The attendance of the roster (empty without one): everyone present unless unticked."""
    people = agenda.participants
    if not people or agenda.participants_file:
        # a register of members signs in at the desk (`seminar attendance`) or with the key a
        return []
    import questionary

    from seminar_cli.ui.prompts import checkbox

    choices = [questionary.Choice(_label(p), value=p.name, checked=True) for p in people]
    present = set(
        _answer(
            checkbox(
                t("setup.attendance"),
                choices=choices,
                instruction=t("setup.attendance.instruction"),
                use_jk_keys=False,
                use_search_filter=True,
            )
        )
    )
    result: list[Attendance] = []
    for person in people:
        if person.name in present:
            result.append((person.name, "present", None))
            continue
        status = _answer(
            questionary.select(
                t("setup.not_here", name=person.name),
                choices=_status_choices("excused", "absent", "represented"),
                instruction=t("prompt.hint.select"),
            )
        )
        by = None
        if status == "represented":
            by = _represented_by(person.name, [p.name for p in people if p.name in present])
        result.append((person.name, str(status), by))
    from seminar_cli.ui.console import say

    def count(status: str) -> int:
        return sum(1 for _, given, _ in result if given == status)

    say(
        t(
            "setup.summary",
            present=count("present"),
            excused=count("excused"),
            absent=count("absent"),
            represented=count("represented"),
        )
    )
    return result


def ask_attendance_change(state: SessionState) -> Attendance | None:
    """During the session (key ``a``): who arrives, leaves, or is represented; None when the
    facilitator goes back to the screen without a change."""
    import questionary

    def status_of(name: str) -> str | None:
        record = state.attendance.get(name)
        return record.status if record else None

    people = state.agenda.participants
    choices = [
        questionary.Choice(
            f"{_label(p)}  ({t('live.status.' + (status_of(p.name) or 'present'))})",
            value=p.name,
        )
        for p in people
    ]
    choices += [
        questionary.Choice(t("live.att.other"), value=_OTHER),
        questionary.Choice(t("live.att.back"), value=_BACK),
    ]
    name = questionary.select(
        t("live.att.who"),
        choices=choices,
        use_jk_keys=False,
        use_search_filter=True,
        instruction=t("prompt.hint.select"),
    ).ask()
    if name is None or name == _BACK:
        return None
    if name == _OTHER:
        name = questionary.text(t("live.att.name"), validate=_not_empty).ask()
        if name is None:
            return None
        name = name.strip()
    current = status_of(name)
    here = current in (None, "present") and any(p.name == name for p in people)
    order = ("left", "excused", "absent", "represented", "present")
    if not here:
        order = ("present", "left", "excused", "absent", "represented")
    choices = _status_choices(*order)
    if not here:
        choices[0] = questionary.Choice(t("live.status.arrived"), value="present")
    status = questionary.select(
        t("live.att.status", name=name), choices=choices, instruction=t("prompt.hint.select")
    ).ask()
    if status is None:
        return None
    by = None
    if status == "represented":
        others = [n for n in state.present_participants() if n != name]
        by = questionary.autocomplete(
            t("setup.represented_by", name=name), choices=others, validate=_not_empty
        ).ask()
        if by is None:
            return None
        by = by.strip()
    return str(name), str(status), by
