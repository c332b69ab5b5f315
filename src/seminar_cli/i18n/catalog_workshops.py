"""Messages about parallel workshops (PRODUCT §8): the agenda's rules and how they are shown."""

MESSAGES: dict[str, tuple[str, str]] = {
    # validation of an agenda's workshops
    "agenda.err.workshops_few": (
        "il faut au moins deux ateliers (ici {count}) : des ateliers se tiennent en parallèle, "
        "et un seul atelier, c'est la séquence elle-même ; mettez ses questions dans la séquence "
        "(prompts) et retirez workshops",
        "at least two workshops are needed (here {count}): workshops run side by side, and a "
        "single workshop is the segment itself; put its prompts on the segment and remove "
        "workshops",
    ),
    "agenda.err.workshops_kind": (
        "des ateliers (workshops) ne vont que dans une séquence de type workshop, pas {kind} : "
        "écrivez kind: workshop",
        "workshops only go in a segment of kind workshop, not {kind}: write kind: workshop",
    ),
    "agenda.err.workshop_ballot": (
        "pas de question de type {type} dans une séquence en ateliers : une assemblée ne se "
        "divise pas, chacun y vote une fois, en plénière ; mettez ce scrutin dans une séquence "
        "sans ateliers",
        "no {type} prompt in a segment split into workshops: an assembly does not split, "
        "everyone votes once, in plenary; put this ballot in a segment without workshops",
    ),
    "agenda.err.workshop_dup": (
        "l'identifiant « {id} » est déjà celui de l'atelier {first} : chaque atelier de "
        "l'agenda a son propre id",
        "the id '{id}' is already the one of the workshop {first}: every workshop of the "
        "agenda needs its own id",
    ),
    "agenda.err.workshop_person_unknown": (
        "« {name} » n'est pas dans la liste des participants : écrivez le nom comme la liste "
        "(participants ou participants_file) l'écrit",
        "'{name}' is not in the participants list: write the name as the list (participants "
        "or participants_file) writes it",
    ),
    "agenda.err.workshop_person_twice": (
        "« {name} » est déjà dans {first} : chacun participe à un seul atelier de la séquence",
        "'{name}' is already in {first}: each person takes part in one workshop of the segment",
    ),
    # an answers file naming a workshop's prompt
    "answers.shared_prompt": (
        "question posée dans chaque atelier de la séquence « {segment} », pas en plénière : "
        "donnez ses réponses à chaque atelier, avec seminar join --workshop ATELIER --answers "
        "FICHIER",
        "a prompt asked in each workshop of the segment '{segment}', not in plenary: give its "
        "answers to each workshop, with seminar join --workshop WORKSHOP --answers FILE",
    ),
    "answers.workshop_prompt": (
        "question de l'atelier « {workshop} » : donnez ses réponses à l'atelier, avec seminar "
        "join --workshop {workshop} --answers FICHIER",
        "a prompt of the workshop '{workshop}': give its answers to that workshop, with seminar "
        "join --workshop {workshop} --answers FILE",
    ),
    # seminar agenda show | validate, and the plenary live screen
    "workshops.heading": ("{count} ateliers en parallèle :", "{count} parallel workshops:"),
    "workshops.line": ("{title} : {place}", "{title}: {place}"),
    "workshops.led_by": ("animé par {name}", "led by {name}"),
    "workshops.show.split": (
        "{mark} {count} ateliers en parallèle (détail ci-dessous)",
        "{mark} {count} parallel workshops (details below)",
    ),
    "workshops.show.split_shared": (
        "{mark} {count} ateliers en parallèle, qui posent chacun les questions ci-dessus "
        "(détail ci-dessous)",
        "{mark} {count} parallel workshops, each asking the prompts above (details below)",
    ),
    "workshops.table.title": ("Ateliers de « {segment} »", "Workshops of '{segment}'"),
    "workshops.table.workshop": ("Atelier", "Workshop"),
    "workshops.table.where": ("Salle, animation", "Room, facilitator"),
    "workshops.table.participants": ("Participants", "Participants"),
    "workshops.table.prompts": ("Questions", "Prompts"),
    "agenda.validate.ok_workshops": (
        "{file} : valide ({segments}, {workshops}, {prompts}, {duration})",
        "{file}: valid ({segments}, {workshops}, {prompts}, {duration})",
    ),
    "agenda.n_workshops_one": ("{count} atelier", "{count} workshop"),
    "agenda.n_workshops": ("{count} ateliers", "{count} workshops"),
}
