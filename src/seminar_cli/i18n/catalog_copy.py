"""Messages of ``seminar journal copy`` (PRODUCT §8 "Offline laptops"): its report, its
refusals, its help."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the report, one line per session
    "copy.header": (
        "Source {source}, destination {dest} :",
        "Source {source}, destination {dest}:",
    ),
    "copy.none": (
        "Aucune séance dans {source} : rien à copier.",
        "No session in {source}: nothing to copy.",
    ),
    "copy.up_to_date": ("Séance {id} : déjà à jour.", "Session {id}: already up to date."),
    "copy.created": (
        "Séance {id} : ajoutée, {count} événements copiés ({streams}).",
        "Session {id}: added, {count} events copied ({streams}).",
    ),
    "copy.created_one": (
        "Séance {id} : ajoutée, {count} événement copié ({streams}).",
        "Session {id}: added, {count} event copied ({streams}).",
    ),
    "copy.copied": (
        "Séance {id} : {count} événements copiés ({streams}).",
        "Session {id}: {count} events copied ({streams}).",
    ),
    "copy.copied_one": (
        "Séance {id} : {count} événement copié ({streams}).",
        "Session {id}: {count} event copied ({streams}).",
    ),
    "copy.updated": (
        "Séance {id} : aucun événement à copier, mais son état a été mis à jour (close, ou ce "
        "que les fichiers de réponses ont livré).",
        "Session {id}: no event to copy, but its state was brought up to date (closed, or what "
        "answers files have delivered).",
    ),
    "copy.waiting": (
        "{count} réponses anonymes attendent encore dans la source et ne sont pas copiées "
        "(scellées pour le poste qui les a reçues, seul à pouvoir les écrire) : que ce poste "
        "ferme leur question (ou finisse sa séquence), puis copiez de nouveau ; sinon elles "
        "seront annulées, et comptées, quand la séance ou l'atelier sera repris.",
        "{count} anonymous answers still wait in the source and are not copied (sealed for "
        "the station that received them, the only one able to write them): have that station "
        "close their prompt (or end its segment), then copy again; otherwise they will be "
        "voided, and counted, when the session or workshop is taken up again.",
    ),
    "copy.waiting_one": (
        "{count} réponse anonyme attend encore dans la source et n'est pas copiée (scellée pour "
        "le poste qui l'a reçue, seul à pouvoir l'écrire) : que ce poste ferme sa question (ou "
        "finisse sa séquence), puis copiez de nouveau ; sinon elle sera annulée, et comptée, "
        "quand la séance ou l'atelier sera repris.",
        "{count} anonymous answer still waits in the source and is not copied (sealed for the "
        "station that received it, the only one able to write it): have that station close its "
        "prompt (or end its segment), then copy again; otherwise it will be voided, and "
        "counted, when the session or workshop is taken up again.",
    ),
    "copy.part.plenary": ("plénière : {count}", "plenary: {count}"),
    "copy.part.workshop": ("atelier {id} : {count}", "workshop {id}: {count}"),
    "copy.stream.plenary": ("la plénière", "the plenary"),
    "copy.stream.workshop": ("l'atelier « {id} »", "workshop '{id}'"),
    # refusals
    "copy.refused": (
        "{count} séances non copiées : rien n'a été écrit pour elles.",
        "{count} sessions not copied: nothing was written for them.",
    ),
    "copy.refused_one": (
        "{count} séance non copiée : rien n'a été écrit pour elle.",
        "{count} session not copied: nothing was written for it.",
    ),
    "copy.diverged": (
        "Séance {id} : la source et la destination divergent dans {stream}, à la position "
        "{position} : la source y a {source_type} ({source_at}), la destination {dest_type} "
        "({dest_at}). Ce sont deux suites différentes de la même séance : rien n'est copié "
        "pour elle.",
        "Session {id}: the source and the destination diverge in {stream}, at position "
        "{position}: the source has {source_type} there ({source_at}), the destination "
        "{dest_type} ({dest_at}). They are two different continuations of the same session: "
        "nothing is copied for it.",
    ),
    "copy.diverged_ref": (
        "Séance {id} : l'événement {type} ({at}) de {stream}, à la position {position}, porte "
        "la référence {ref}, que la destination a déjà enregistrée pour un autre événement : "
        "rien n'est copié pour cette séance.",
        "Session {id}: the event {type} ({at}) of {stream}, at position {position}, carries "
        "the reference {ref}, which the destination already holds for another event: nothing "
        "is copied for this session.",
    ),
    "copy.diverged_session": (
        "Séance {id} : la source et la destination ont chacune une séance de cet identifiant, "
        "mais ce n'est pas la même ({what}) : rien n'est copié pour elle.",
        "Session {id}: the source and the destination each hold a session with this id, but "
        "not the same one ({what}): nothing is copied for it.",
    ),
    "copy.differ.created_at": (
        "ouverte le {source} dans la source, le {dest} dans la destination",
        "opened on {source} in the source, on {dest} in the destination",
    ),
    "copy.differ.title": (
        "intitulée « {source} » dans la source, « {dest} » dans la destination",
        "titled '{source}' in the source, '{dest}' in the destination",
    ),
    "copy.differ.agenda": ("pas le même ordre du jour", "not the same agenda"),
    "copy.source_broken": (
        "Copie refusée, la chaîne de {stream} ne tient pas dans la source. {reason}",
        "Copy refused, the chain of {stream} does not hold in the source. {reason}",
    ),
    "copy.source_missing": (
        "Aucun journal à {file} : il n'y a rien à copier (la source n'est jamais créée).",
        "No journal at {file}: there is nothing to copy (the source is never created).",
    ),
    "copy.same_journal": (
        "La source et la destination sont le même journal ({file}) : rien à copier.",
        "The source and the destination are the same journal ({file}): nothing to copy.",
    ),
    # help
    "help.journal": (
        "Le journal lui-même : copier des séances vers un autre journal.",
        "The journal itself: copy sessions to another journal.",
    ),
    "help.journal.copy": (
        "Copie les séances d'un journal vers un autre (fichier SQLite ou postgresql://, dans "
        "les deux sens), pour réunir un atelier tenu hors réseau avec le journal de la journée. "
        "Copier de nouveau ne change rien. Une séance dont les deux journaux ont deux suites "
        "différentes est refusée, expliquée, et rien n'est écrit pour elle (code 1). Copiés : "
        "les événements de chaque flux (plénière, ateliers), la séance, et ce que les fichiers "
        "de réponses ont déjà livré ; pas ce qui tient à un poste en marche (signes de vie, codes "
        "d'accès, jetons des téléphones, clés et réponses anonymes encore en attente). La "
        "source n'est que lue.",
        "Copy the sessions of one journal to another (an SQLite file or postgresql://, either "
        "way), to bring a workshop run off the network into the day's journal. Copying again "
        "changes nothing. A session the two journals continue differently is refused, "
        "explained, and nothing is written for it (exit 1). Copied: each stream's events "
        "(plenary, workshops), the session, and what answers files have already delivered; not "
        "what belongs to a running station (signs of life, join codes, phones' tokens, keys "
        "and anonymous answers still waiting). The source is only read.",
    ),
    "help.journal.copy.epilog": (
        "\b\nExemples :\n"
        "  seminar journal copy atelier.sqlite3 postgresql://animation@serveur/seminaire\n"
        "  seminar journal copy postgresql://animation@serveur/seminaire archive.sqlite3\n"
        "  seminar journal copy portable.sqlite3 journal.sqlite3 --session f509",
        "\b\nExamples:\n"
        "  seminar journal copy workshop.sqlite3 postgresql://facilitator@server/seminar\n"
        "  seminar journal copy postgresql://facilitator@server/seminar archive.sqlite3\n"
        "  seminar journal copy laptop.sqlite3 journal.sqlite3 --session f509",
    ),
    "help.arg.copy_source": (
        "Le journal à copier : un fichier, ou une adresse postgresql://. Il doit exister.",
        "The journal to copy: a file, or a postgresql:// address. It must exist.",
    ),
    "help.arg.copy_dest": (
        "Le journal où copier : un fichier (créé s'il n'existe pas), ou une adresse postgresql://.",
        "The journal to copy into: a file (created if it does not exist), or a postgresql:// "
        "address.",
    ),
    "help.opt.copy_session": (
        "Ne copier que cette séance (identifiant, son début ou une partie qu'il est seul à "
        "avoir) ; sans elle, toutes.",
        "Copy only this session (id, its beginning or a part only it has); without it, all of "
        "them.",
    ),
}
