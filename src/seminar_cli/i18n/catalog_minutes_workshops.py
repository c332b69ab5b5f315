"""Messages of the minutes by workshop (PRODUCT §8) and of the seal across workshops' streams."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the minutes
    "min.l.compared": (
        "La même question, d'un atelier à l'autre",
        "The same question, workshop by workshop",
    ),
    "min.ws.title": ("Atelier « {title} »", "Workshop: {title}"),
    "min.ws.room": ("Lieu : {room}", "Room: {room}"),
    "min.ws.facilitator": ("Animation : {name}", "Facilitator: {name}"),
    "min.ws.participants": ("Participants : {names}", "Participants: {names}"),
    "min.ws.not_held": ("Atelier non tenu.", "Workshop not held."),
    "min.ws.where": ("{segment} — {workshop}", "{segment} — {workshop}"),
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
