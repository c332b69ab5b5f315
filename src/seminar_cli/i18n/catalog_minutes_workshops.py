"""Messages of the minutes by workshop (PRODUCT §8) and of the seal across workshops' streams."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the minutes
    "min.l.compared": (
        "La même question, d'un atelier à l'autre",
        "The same question, workshop by workshop",
    ),
    "min.l.ws_interruptions": ("Interruptions de l'atelier", "Interruptions of the workshop"),
    "min.ws.title": ("Atelier « {title} »", "Workshop: {title}"),
    "min.ws.room": ("Lieu : {room}", "Room: {room}"),
    "min.ws.facilitator": ("Animation : {name}", "Facilitator: {name}"),
    "min.ws.participants": ("Participants : {names}", "Participants: {names}"),
    "min.ws.not_held": ("Atelier non tenu.", "Workshop not held."),
    "min.ws.where": ("{segment} — {workshop}", "{segment} — {workshop}"),
    # each time a workshop's station stopped and the same command took the workshop up again
    "min.ws.interruption.stopped": (
        "Le poste de l'atelier s'est arrêté vers {stopped} ; l'atelier a repris à {resumed}.",
        "The workshop's station stopped at about {stopped}; the workshop resumed at {resumed}.",
    ),
    "min.ws.interruption.suspended": (
        "L'animation de l'atelier a quitté son poste à {stopped} ; l'atelier a repris à {resumed}.",
        "The workshop's facilitator left its station at {stopped}; the workshop resumed at "
        "{resumed}.",
    ),
    # anonymous answers still sealed to a workshop station's key when the session closed
    "min.ws.unwritten_anonymous": (
        "{n} réponses anonymes en attente jamais écrites (le poste de l'atelier ne les a pas "
        "closes)",
        "{n} pending anonymous answers never written (the workshop's station did not close them)",
    ),
    "min.ws.unwritten_anonymous_one": (
        "{n} réponse anonyme en attente jamais écrite (le poste de l'atelier ne l'a pas close)",
        "{n} pending anonymous answer never written (the workshop's station did not close it)",
    ),
    # ---------------------------------------------------------------- verify and seal
    "seal.verify.workshop_altered": (
        "Séance {id} : la chaîne de l'atelier « {workshop} » est rompue à son événement n° "
        "{seq} ({type}, {at}) : il ne correspond plus à son empreinte (modifié, déplacé ou "
        "ajouté hors de seminar).",
        "Session {id}: the chain of the workshop '{workshop}' is broken at its event no. {seq} "
        "({type}, {at}): it no longer matches its hash (changed, moved or added outside "
        "seminar).",
    ),
    "seal.verify.workshop_missing": (
        "Séance {id} : la chaîne de l'atelier « {workshop} » est rompue, il manque ses "
        "événements n° {first} à {last} avant son événement n° {seq} ({type}, {at}).",
        "Session {id}: the chain of the workshop '{workshop}' is broken, its events no. "
        "{first} to {last} are missing before its event no. {seq} ({type}, {at}).",
    ),
    "seal.verify.workshop_missing_one": (
        "Séance {id} : la chaîne de l'atelier « {workshop} » est rompue, il manque son "
        "événement n° {first} avant son événement n° {seq} ({type}, {at}).",
        "Session {id}: the chain of the workshop '{workshop}' is broken, its event no. "
        "{first} is missing before its event no. {seq} ({type}, {at}).",
    ),
    "seal.verify.workshop_seal_mismatch": (
        "Séance {id} : le scellé porte, pour l'atelier « {workshop} », l'empreinte {hash}, "
        "qui n'est pas celle de sa chaîne à son événement n° {seq} (ses événements scellés ont "
        "été modifiés ou retirés).",
        "Session {id}: the seal holds, for the workshop '{workshop}', the hash {hash}, which "
        "is not its chain's at its event no. {seq} (its sealed events were changed or "
        "removed).",
    ),
    "seal.verify.workshop_intact": (
        "Atelier « {workshop} » : chaîne intacte, {count} événements.",
        "Workshop '{workshop}': chain intact, {count} events.",
    ),
    "seal.verify.workshop_intact_one": (
        "Atelier « {workshop} » : chaîne intacte, {count} événement.",
        "Workshop '{workshop}': chain intact, {count} event.",
    ),
    "seal.verify.after_seal": (
        "Après le scellé : {count} événements ajoutés dans l'atelier « {workshop} ».",
        "After the seal: {count} events added in the workshop '{workshop}'.",
    ),
    "seal.verify.after_seal_one": (
        "Après le scellé : {count} événement ajouté dans l'atelier « {workshop} ».",
        "After the seal: {count} event added in the workshop '{workshop}'.",
    ),
}
