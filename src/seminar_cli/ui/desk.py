"""The desk at the door (`seminar attendance`): what it prints, its questions, and the page of
member cards."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seminar_cli.errors import SeminarError
from seminar_cli.i18n import counted, t
from seminar_cli.ui.console import say

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Participant
    from seminar_cli.journal.state import SessionState
    from seminar_cli.session.assembly import Quorum, SignedIn
    from seminar_cli.session.service import SessionWriter


def signed_in_line(done: SignedIn) -> str:
    if done.status == "present":
        if done.guest or done.code is None:
            return t("att.guest_line", name=done.name)
        return t("att.present_line", name=done.name, code=done.code)
    if done.status == "represented":
        return t("att.represented_line", name=done.name, holder=done.represented_by)
    return t("att.excused_line", name=done.name)


def show_one_signed_in(item: SignedIn) -> None:
    """One line as soon as it is recorded (a later refusal does not hide it)."""
    say(signed_in_line(item))


def show_signed_in(
    done: list[SignedIn], quorum: Quorum, counts: tuple[int, int] | None = None
) -> None:
    """After the flags' records (each already told): the paper counts and the quorum."""
    from seminar_cli.ui.screen import quorum_band

    if counts is not None:
        present = counted("count.present", counts[0])
        say(
            t(
                "att.counts_line",
                present=present,
                represented=counted("count.represented", counts[1]),
            )
        )
    say(quorum_band(quorum), style="bold")


def show_codes(codes: list[tuple[Participant, str | None]], state: SessionState) -> None:
    """``--codes``: each member who has a personal code, with it and their attendance now, on
    stdout (the desk's terminal, never the projected screen); then how many have none yet."""
    import sys

    from seminar_cli.i18n import plural

    for person, code in codes:
        if code is not None:
            status = t(f"live.status.{state.status_of(person.name)}")
            sys.stdout.write(t("att.code_line", name=person.name, code=code, status=status) + "\n")
    missing = sum(1 for _person, code in codes if code is None)
    if missing:
        say(t(plural("att.codes_missing", missing), count=missing))


def run_desk(writer: SessionWriter) -> None:
    """Search a name, say present, represented or excused; again until a blank name."""
    import questionary

    from seminar_cli.errors import NoTerminalError
    from seminar_cli.session.assembly import check_not_sealed, quorum_now, search_people, sign_in
    from seminar_cli.ui.console import has_terminal
    from seminar_cli.ui.setup import MAX_FOUND, attendance_state_text, fitted, person_line

    writer.sync()
    check_not_sealed(writer.state)  # said before any question, not after each name
    if not has_terminal():
        raise NoTerminalError("common.no_terminal")
    show_attendance_now(writer.state)  # a desk restarted mid-way starts from where it stands
    missed = False  # the last name matched nobody
    while True:
        query = questionary.text(t("att.ask_name")).ask()
        if query is None:  # Ctrl-C or Ctrl-D: the desk closes
            break
        if not query.strip():
            if missed:  # an Enter that only acknowledged « Personne ne correspond »
                missed = False
                say(t("att.still_open"), style="dim")
                continue
            break
        missed = False
        writer.sync()
        state = writer.state
        found = search_people(writer.agenda, query)
        if not found:
            say(t("att.none_found", name=query.strip()), style="red")
            missed = True
            continue
        name = found[0].name
        if len(found) > 1:  # the same list as the live screen's key a: who, and where they are
            choices: list[Any] = [
                questionary.Choice(person_line(state, p), value=p.name) for p in found[:MAX_FOUND]
            ]
            if len(found) > MAX_FOUND:
                more = len(found) - MAX_FOUND
                choices.append(questionary.Separator(fitted(counted("live.att.more", more))))
            picked = questionary.select(
                t("att.ask_which"),
                choices=choices,
                use_jk_keys=False,
                instruction=t("prompt.hint.select"),
            ).ask()
            if picked is None:
                continue
            name = str(picked)
        status = questionary.select(
            fitted(t("att.ask_status", name=f"{name} [{attendance_state_text(state, name)}]"), 2),
            choices=[
                questionary.Choice(t(f"live.status.{s}"), value=s)
                for s in ("present", "represented", "excused")
            ],
            instruction=t("prompt.hint.select"),
        ).ask()
        if status is None:
            continue
        holder = None
        if status == "represented":
            holder = questionary.text(t("att.ask_holder")).ask()
            if not holder:
                continue
        try:
            done = sign_in(writer, name, status, holder)
        except SeminarError as refused:
            say(refused.message(), style="red")
            continue
        say(signed_in_line(done), style="bold")
        say(_band(quorum_now(writer.state)))


def show_attendance_now(state: SessionState) -> None:
    """The attendance as the journal holds it when the desk opens: nothing when nobody is
    signed in yet, else the members present and represented, the excused, and the quorum."""
    from seminar_cli.session.assembly import named_counts, quorum_now

    if not state.attendance and state.paper_counts is None:
        return
    present, represented = named_counts(state)
    excused = sum(1 for p in state.agenda.voting_members() if state.status_of(p.name) == "excused")
    say(t("att.desk_now", present=present, represented=represented, excused=excused))
    say(_band(quorum_now(state)))


def _band(quorum: Quorum) -> str:
    from seminar_cli.ui.screen import quorum_band

    return quorum_band(quorum)


def write_cards(
    path: Path, title: str, cards: list[tuple[Participant, str]], address: str | None
) -> None:
    """A printable page of member cards: name, organisation, personal code, and the QR code of
    the join address carrying the code when the address is known."""
    import segno

    from seminar_cli.fileio import check_output, write_output

    items = []
    for person, code in cards:
        qr = ""
        if address:
            link = f"{address}{'&' if '?' in address else '?'}member={code}"
            qr = segno.make(link, error="m").svg_inline(scale=3)
        org = (
            f"<p class='org'>{html.escape(person.organization)}</p>" if person.organization else ""
        )
        items.append(
            f"<div class='card'><p class='name'>{html.escape(person.name)}</p>{org}"
            f"<p class='code'><span>{html.escape(t('att.card_code'))}</span> {code}</p>{qr}</div>"
        )
    heading = html.escape(t("att.cards_title", title=title))
    page = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{heading}</title><style>"
        "body{font-family:sans-serif;margin:1cm}"
        ".cards{display:flex;flex-wrap:wrap;gap:.5cm}"
        ".card{border:1px dashed #888;padding:.4cm;width:8cm;break-inside:avoid}"
        ".name{font-weight:bold;font-size:1.2em;margin:0}.org{margin:.2em 0;color:#555}"
        ".code{font-family:monospace;font-size:1.6em;letter-spacing:.15em}"
        ".code span{font-family:sans-serif;font-size:.5em;letter-spacing:0;color:#555}"
        f"</style></head><body><h1>{heading}</h1><div class='cards'>"
        + "".join(items)
        + "</div></body></html>\n"
    )
    # a page made again replaces the last one (the codes stay those of the journal)
    write_output(check_output(path, force=True, exists_key="att.cards_exists"), page.encode())
    say(counted("att.cards_written", len(cards), file=path))
