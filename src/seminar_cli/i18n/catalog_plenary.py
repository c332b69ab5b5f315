"""Messages of the plenary's side of parallel workshops (PRODUCT §8): the workshops' states and
answer counts on the live screen and ``/screen``, the restitution, the secretary's
``--workshop``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the plenary during a split segment (live screen, /screen)
    "plenary.heading": (
        "Ateliers en parallèle ({running} en cours sur {count}) :",
        "Parallel workshops ({running} running of {count}):",
    ),
    "plenary.run.running": ("en cours", "running"),
    "plenary.run.not_started": ("pas commencé", "not started"),
    "plenary.run.stopped": ("arrêté", "stopped"),
    # a restitution, one workshop at a time
    "plenary.restitution.heading": (
        "Restitution {index}/{count} : {title}",
        "Report-back {index}/{count}: {title}",
    ),
    "plenary.restitution.next": (
        "atelier suivant dans {time}",
        "next workshop in {time}",
    ),
    "plenary.restitution.shared": (
        "question commune à tous les ateliers",
        "question asked in every workshop",
    ),
    "plenary.restitution.from": (
        "résultats à partir du {index}e sur {count} (← →)",
        "results from no. {index} of {count} (← →)",
    ),
    "plenary.restitution.nothing": (
        "Pas encore de résultat à montrer pour cet atelier.",
        "No results to show yet for this workshop.",
    ),
    "plenary.restitution.hidden": (
        "{question} : résultats masqués (réponses anonymes, moins de trois)",
        "{question}: results hidden (anonymous answers, fewer than three)",
    ),
    # the live screen's key w
    "live.help.next_workshop": (
        "restitution : l'atelier suivant (chacun passe aussi de lui-même)",
        "report-back: the next workshop (each also moves on by itself)",
    ),
    "live.keyline.next_workshop": ("w atelier suivant", "w next workshop"),
    "live.flash.no_restitution": (
        "La touche w sert pendant une restitution : elle montre l'atelier suivant.",
        "The key w works during a report-back: it shows the next workshop.",
    ),
    # the secretary's --workshop
    "help.opt.workshop": (
        "Identifiant de l'atelier : l'enregistrement est rattaché à cet atelier, dans sa séquence.",
        "Workshop id: the record belongs to that workshop, under its segment.",
    ),
    "secretary.unknown_workshop": (
        "Atelier inconnu « {workshop} ». Ateliers de cette séance : {ids}",
        "Unknown workshop '{workshop}'. Workshops of this session: {ids}",
    ),
    "secretary.no_workshops": (
        "Atelier inconnu « {workshop} » : cette séance n'a pas d'ateliers.",
        "Unknown workshop '{workshop}': this session has no workshops.",
    ),
    "secretary.workshop_segment": (
        "L'atelier « {workshop} » appartient à la séquence {segment}, pas à {given} : "
        "retirez --segment ou nommez {segment}.",
        "The workshop '{workshop}' belongs to the segment {segment}, not {given}: remove "
        "--segment or name {segment}.",
    ),
    "sessions.fact.workshop_answers": (
        "Réponses, atelier {workshop}",
        "Answers, workshop {workshop}",
    ),
    "sessions.fact.workshop_records": (
        "Relevé, atelier {workshop}",
        "Records, workshop {workshop}",
    ),
    "secretary.where.workshop": (
        "atelier « {workshop} », séquence « {title} »",
        "workshop '{workshop}', segment '{title}'",
    ),
}
