"""Messages of a workshop's phones and terminals (PRODUCT §8, §9 "Streams"): ``seminar serve
--workshop``, ``seminar join --workshop`` and the pages of a workshop's server."""

MESSAGES: dict[str, tuple[str, str]] = {
    "join.workshop_over": (
        "L'atelier est terminé : ses questions sont closes. Merci !",
        "The workshop is over: its questions are closed. Thank you!",
    ),
    # help
    "help.opt.workshop_serve": (
        "Sert les téléphones de l'atelier ID (son propre code d'accès, ses questions), pas "
        "ceux de la plénière.",
        "Serve the phones of the workshop ID (its own join code, its prompts), not the plenary's.",
    ),
    "help.opt.workshop_join": (
        "Répond aux questions de l'atelier ID (les siennes et celles de sa séquence), pas à "
        "celles de la plénière.",
        "Answer the prompts of the workshop ID (its own and its segment's), not the plenary's.",
    ),
    # refusals
    "workshop_web.unknown": (
        "La séance n'a pas d'atelier « {id} » : ses ateliers sont {known}.",
        "The session has no workshop '{id}': its workshops are {known}.",
    ),
    "workshop_web.none": (
        "La séance n'a pas d'ateliers : --workshop {id} ne s'applique pas.",
        "The session has no workshops: --workshop {id} does not apply.",
    ),
    # the terminal
    "workshop_web.address": (
        "Téléphones de l'atelier « {title} » : {url}  (code {code})",
        "Phones of the workshop '{title}': {url}  (code {code})",
    ),
    "workshop_web.address_after": (
        "Adresse des téléphones de l'atelier « {title} » pendant la séance : {url}  (code {code})",
        "Phones' address of the workshop '{title}' during the session: {url}  (code {code})",
    ),
    "workshop_web.serving": (
        "Atelier « {title} » de la séance {id} servi aux téléphones. Ctrl-C pour arrêter le "
        "serveur.",
        "Workshop '{title}' of session {id} served to phones. Ctrl-C to stop the server.",
    ),
    "workshop_web.join_as": (
        "Atelier « {title} » : ses questions et celles de sa séquence.",
        "Workshop '{title}': its prompts and its segment's.",
    ),
    # the pages (phone, projector)
    "workshop_web.page.workshop": ("Atelier : {title}", "Workshop: {title}"),
    "workshop_web.page.room": ("Salle : {room}", "Room: {room}"),
}
