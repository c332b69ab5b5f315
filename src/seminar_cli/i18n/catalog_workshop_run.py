"""Messages of ``seminar workshop ID``: one workshop's runner and live screen (PRODUCT §8)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.workshop": (
        "Écran d'un atelier : anime l'atelier ID de la séance en cours, au rythme de la plénière.",
        "A workshop's screen: runs the workshop ID of the live session, following the plenary.",
    ),
    "help.workshop.epilog": (
        "\b\nExemples :\n  seminar workshop jeunes\n"
        "  seminar --db postgresql://atelier@serveur/seminaire workshop jeunes",
        "\b\nExamples:\n  seminar workshop jeunes\n"
        "  seminar --db postgresql://atelier@server/seminar workshop jeunes",
    ),
    "help.arg.workshop_id": (
        "L'identifiant de l'atelier, tel que l'agenda l'écrit (seminar agenda show les liste).",
        "The workshop's id, as the agenda writes it (seminar agenda show lists them).",
    ),
    "workshop_run.waiting_session": (
        "Aucune séance en cours sur ce journal : l'atelier attend qu'elle s'ouvre… "
        "(Ctrl-C pour quitter)",
        "No session is running on this journal: the workshop waits for it to open… "
        "(Ctrl-C to quit)",
    ),
    "workshop_run.unknown": (
        "Pas d'atelier « {id} » dans cette séance. Ses ateliers : {ids}.",
        "No workshop '{id}' in this session. Its workshops: {ids}.",
    ),
    "workshop_run.none": (
        "La séance {session} n'a aucun atelier : son agenda ne divise aucune séquence (workshops).",
        "Session {session} has no workshop: its agenda splits no segment (workshops).",
    ),
    "workshop_run.session_closed": (
        "La séance {id} est close : ses ateliers sont terminés.",
        "Session {id} is closed: its workshops are over.",
    ),
    "workshop_run.segment_done": (
        "L'atelier « {title} » est terminé : la séquence « {segment} » est finie.",
        "The workshop '{title}' is over: the segment '{segment}' has ended.",
    ),
    "workshop_run.running_elsewhere": (
        "L'atelier {id} est déjà animé dans un autre terminal. Quittez-le là-bas (touche q) "
        "avant de le reprendre ici.",
        "Workshop {id} is already running in another terminal. Quit it there (key q) before "
        "taking it up here.",
    ),
    "workshop_run.started": (
        "Atelier « {title} » de la séance {id}.",
        "Workshop '{title}' of session {id}.",
    ),
    "workshop_run.over": (
        "L'atelier « {title} » est terminé : ses questions sont closes.",
        "The workshop '{title}' is over: its prompts are closed.",
    ),
    "workshop_run.left": (
        "Atelier quitté ; rien n'est perdu. Pour le reprendre : seminar workshop {workshop} {id}",
        "Workshop left; nothing is lost. To take it up again: seminar workshop {workshop} {id}",
    ),
    "workshop_run.interrupted": (
        "Interrompu. Rien de ce qui a été enregistré n'est perdu ; pour reprendre l'atelier : "
        "seminar workshop {workshop} {id}",
        "Interrupted. Nothing that was recorded is lost; to take the workshop up again: "
        "seminar workshop {workshop} {id}",
    ),
    # the workshop's live screen
    "workshop_run.screen.waiting": (
        "L'atelier commence avec la séquence « {segment} ».",
        "The workshop begins with the segment '{segment}'.",
    ),
    "workshop_run.screen.waiting_now": (
        "En attente de la plénière : séquence en cours « {segment} ».",
        "Waiting for the plenary: segment now running '{segment}'.",
    ),
    "workshop_run.screen.kind": (
        "atelier · séquence « {segment} »",
        "workshop · segment '{segment}'",
    ),
    "workshop_run.keys.quit": (
        "o/y : quitter (l'atelier pourra reprendre) · autre touche : continuer",
        "y: quit (the workshop can be taken up again) · any other key: carry on",
    ),
    "workshop_run.screen.keys_waiting": (
        "q quitter (l'atelier pourra reprendre)",
        "q quit (the workshop can be taken up again)",
    ),
    "workshop_run.help.quit": (
        "quitter ; l'atelier reste enregistré et reprend avec la même commande",
        "quit; the workshop is kept and goes on with the same command",
    ),
    "workshop_run.screen.over": (
        "Atelier terminé",
        "Workshop over",
    ),
}
