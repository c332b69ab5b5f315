"""Messages about ballots and elections (PRODUCT §7 and §9): the agenda's rules, key p, voting
for oneself and for the members one represents, and election results."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the prompt type
    "ptype.election": ("élection", "election"),
    "min.ptype.election": ("élection", "election"),
    # agenda validation: each refusal says what to write instead
    "agenda.err.election_field": (
        "{name} ne va qu'avec une question de type election, pas {type} : retirez-le, ou "
        "écrivez type: election",
        "{name} only goes with an election prompt, not {type}: remove it, or write type: election",
    ),
    "agenda.err.candidates_needed": (
        "une élection a besoin de ses candidats : écrivez candidates: [Nom 1, Nom 2]",
        "an election needs its candidates: write candidates: [Name 1, Name 2]",
    ),
    "agenda.err.candidates_unique": (
        "les candidats doivent être tous différents (« {choice} » apparaît deux fois)",
        "candidates must be distinct ('{choice}' appears twice)",
    ),
    "agenda.err.seats_over": (
        "{seats} sièges pour {count} candidats : écrivez au plus seats: {count}",
        "{seats} seats for {count} candidates: write seats: {count} at most",
    ),
    "agenda.err.ballot_forbidden": (
        "ballot ne va qu'avec un vote ou une élection, pas {type} : retirez-le",
        "ballot only goes with a vote or an election, not {type}: remove it",
    ),
    "agenda.err.election_room": (
        "une élection ne se saisit pas pour la salle (who: room) : écrivez who: open et "
        "ballot: secret (bulletins depuis les téléphones ou seminar join), ou who: each pour un "
        "vote nominatif au clavier",
        "an election is not typed for the room (who: room): write who: open and ballot: secret "
        "(ballots from phones or seminar join), or who: each for a roll call at the keyboard",
    ),
    "agenda.err.ballot_room": (
        "avec who: room, le vote se fait à main levée (ballot: hands) : retirez ballot: "
        "{ballot}, ou écrivez who: open pour des bulletins depuis les téléphones ou seminar join",
        "with who: room, the vote is a show of hands (ballot: hands): remove ballot: {ballot}, "
        "or write who: open for ballots from phones or seminar join",
    ),
    "agenda.err.ballot_room_anonymous": (
        "un vote à main levée (who: room) n'est pas anonyme : retirez anonymous, ou écrivez "
        "who: open et ballot: secret pour un vote à bulletin secret",
        "a show of hands (who: room) is not anonymous: remove anonymous, or write who: open and "
        "ballot: secret for a secret ballot",
    ),
    "agenda.err.ballot_each_secret": (
        "un {type} à bulletin secret ne se tape pas au clavier projeté (who: each) : écrivez "
        "who: open et ballot: secret (bulletins depuis les téléphones ou seminar join), ou "
        "retirez anonymous et ballot pour un vote nominatif",
        "a secret {type} is not typed at the projected keyboard (who: each): write who: open "
        "and ballot: secret (ballots from phones or seminar join), or remove anonymous and "
        "ballot for a roll call",
    ),
    "agenda.err.ballot_each_hands": (
        "who: each est un vote nominatif, chacun à son tour : écrivez ballot: roll_call (ou "
        "retirez ballot), ou who: room pour un vote à main levée",
        "who: each is a roll call, one after the other: write ballot: roll_call (or remove "
        "ballot), or who: room for a show of hands",
    ),
    "agenda.err.ballot_open_hands": (
        "un vote à main levée se saisit pour la salle : écrivez who: room (et retirez ballot), "
        "ou ballot: secret ou roll_call pour des bulletins depuis les téléphones",
        "a show of hands is typed for the room: write who: room (and remove ballot), or ballot: "
        "secret or roll_call for ballots from phones",
    ),
    "agenda.err.ballot_roll_call_anonymous": (
        "un vote nominatif (ballot: roll_call) n'est pas anonyme : écrivez ballot: secret, ou "
        "retirez anonymous",
        "a roll call (ballot: roll_call) is not anonymous: write ballot: secret, or remove "
        "anonymous",
    ),
    "agenda.err.ballot_secret_named": (
        "un bulletin secret est anonyme : retirez anonymous: false",
        "a secret ballot is anonymous: remove anonymous: false",
    ),
    # the live screen: key p opens and closes a ballot
    "ballot.opened": ("Scrutin ouvert : {question}", "Ballot open: {question}"),
    "ballot.waiting": (
        "Scrutin à ouvrir (touche p) : {question}",
        "Ballot to open (key p): {question}",
    ),
    "ballot.received": (
        "bulletins reçus : {received} / {voters} votants présents et représentés",
        "ballots received: {received} / {voters} voters present and represented",
    ),
    "ballot.close_hint": ("p pour clore le scrutin", "p to close the ballot"),
    # voting from seminar join, for oneself and for the members one represents
    "ballot.for_whom": ("Bulletin pour : {name}", "Ballot for: {name}"),
    "ballot.need_name": (
        "Ce scrutin est réservé aux membres : rejoignez avec --name VOTRE NOM.",
        "This ballot is for members only: join with --name YOUR NAME.",
    ),
    # why someone casts no ballot (session/ballots.why_not_voter): the true reason
    "ballot.why.off_register": (
        "{name} ne vote pas : ce nom n'est pas au registre des membres.",
        "{name} does not vote: this name is not on the register of members.",
    ),
    "ballot.why.off_roster": (
        "{name} ne vote pas : ce nom n'est pas sur la liste des participants de l'agenda.",
        "{name} does not vote: this name is not on the agenda's list of participants.",
    ),
    "ballot.why.guest": (
        "{name} ne vote pas : invité·e, pas membre ; un invité participe mais ne vote pas.",
        "{name} does not vote: a guest, not a member; a guest takes part but does not vote.",
    ),
    "ballot.why.represented": (
        "{name} ne vote pas en personne : représenté·e par {holder}, qui dépose son bulletin.",
        "{name} does not vote in person: represented by {holder}, who casts their ballot.",
    ),
    "ballot.why.not_signed_in": (
        "{name} ne vote pas : pas encore émargé·e présent·e (passez à l'accueil).",
        "{name} does not vote: not signed in present yet (go to the desk).",
    ),
    "ballot.why.absent": (
        "{name} ne vote pas : noté·e absent·e sur la feuille d'émargement.",
        "{name} does not vote: marked absent on the attendance sheet.",
    ),
    "ballot.why.excused": (
        "{name} ne vote pas : noté·e excusé·e sur la feuille d'émargement.",
        "{name} does not vote: marked excused on the attendance sheet.",
    ),
    "ballot.why.left": (
        "{name} ne vote plus : parti·e en cours de séance.",
        "{name} no longer votes: left during the session.",
    ),
    "ballot.why.for_not_member": (
        "{name} ne peut pas voter pour {member} : {member} n'est pas membre votant.",
        "{name} cannot vote for {member}: {member} is not a voting member.",
    ),
    "ballot.why.for_present": (
        "{name} ne peut pas voter pour {member} : {member} est présent·e et vote en personne.",
        "{name} cannot vote for {member}: {member} is present and votes in person.",
    ),
    "ballot.why.for_other_holder": (
        "{name} ne peut pas voter pour {member} : son pouvoir est confié à {holder}.",
        "{name} cannot vote for {member}: their proxy is held by {holder}.",
    ),
    "ballot.why.for_no_proxy": (
        "{name} ne peut pas voter pour {member} : {member} ne lui a pas confié son pouvoir.",
        "{name} cannot vote for {member}: {member} gave them no proxy.",
    ),
    "ballot.already": (
        "Le bulletin pour {member} est déjà dans l'urne : un bulletin secret ne se vote qu'une "
        "fois.",
        "The ballot for {member} is already in: a secret ballot is cast once.",
    ),
    "answers.for_unknown": (
        "« for » nomme {member}, qui n'est pas dans la liste des participants",
        "'for' names {member}, who is not on the roster",
    ),
    "answers.for_needs_participant": (
        "« for » dit pour qui le bulletin est déposé : écrivez aussi participant: (qui le dépose)",
        "'for' says whose ballot it is: write participant: too (who casts it)",
    ),
    "answers.for_secret_only": (
        "« for » ne va qu'avec un vote ou une élection à bulletin secret (who: open)",
        "'for' only goes with a secret vote or election (who: open)",
    ),
    # an election's ballot at a terminal
    "prompt.hint.election": (
        "(↑↓, Espace pour cocher, Entrée pour valider ; jusqu'à {max} candidats, aucun : "
        "bulletin blanc)",
        "(↑↓, Space to tick, Enter to confirm; up to {max} candidates, none: a blank ballot)",
    ),
    "answer.election_picks": (
        "au plus {max} candidats sur un bulletin",
        "at most {max} candidates on a ballot",
    ),
    "answer.election_candidate": (
        "« {value} » n'est pas candidat ({choices})",
        "'{value}' is not a candidate ({choices})",
    ),
    # an election's results: room screen and minutes
    "results.ballots": ("{count} bulletins", "{count} ballots"),
    "results.ballots_one": ("{count} bulletin", "{count} ballot"),
    "election.blank": ("Bulletins blancs : {n}", "Blank ballots: {n}"),
    "election.cast": ("Suffrages exprimés : {n}", "Votes cast: {n}"),
    "election.elected": ("Élus : {names}", "Elected: {names}"),
    "election.none_elected": ("Personne n'est élu.", "Nobody is elected."),
    "election.no_quorum_room": (
        "Personne n'est élu : quorum non atteint.",
        "Nobody is elected: quorum not reached.",
    ),
    "election.ties": (
        "Égalité, non départagée : {names}",
        "Tie, not decided: {names}",
    ),
    "election.rule.1": (
        "Premier tour : élu à la majorité absolue des suffrages exprimés (blancs exclus).",
        "First round: elected by more than half the votes cast (blank excluded).",
    ),
    "election.rule.2": (
        "Second tour : élu à la majorité relative.",
        "Second round: elected by most votes.",
    ),
    # the election's lines, as a procès-verbal writes them (and the compte rendu with it)
    "min.election.seats": ("Sièges à pourvoir : {n} — {round}", "Seats to fill: {n} — {round}"),
    "min.election.seats_one": ("Siège à pourvoir : {n} — {round}", "Seat to fill: {n} — {round}"),
    "min.election.round.1": ("premier tour", "first round"),
    "min.election.round.2": ("second tour", "second round"),
    "min.election.voters": ("Votants : {n} {entitled}", "Voters: {n} {entitled}"),
    "min.election.voters_one": ("Votant : {n} {entitled}", "Voter: {n} {entitled}"),
    "min.election.entitled": (
        "sur {n} inscrits présents ou représentés",
        "out of {n} members present or represented",
    ),
    "min.election.entitled_one": (
        "sur {n} inscrit présent ou représenté",
        "out of {n} member present or represented",
    ),
    "min.election.ballots": ("Bulletins déposés : {n}", "Ballots cast: {n}"),
    "min.election.ballots_one": ("Bulletin déposé : {n}", "Ballot cast: {n}"),
    "min.election.blank": ("Bulletins blancs : {n}", "Blank ballots: {n}"),
    "min.election.blank_one": ("Bulletin blanc : {n}", "Blank ballot: {n}"),
    "min.election.cast": (
        "Suffrages exprimés (blancs exclus) : {n}",
        "Valid votes (blank excluded): {n}",
    ),
    # « Sont élus » / « Est élue » would need each candidate's gender, which nobody gave:
    # « Siège attribué » agrees with the seats, in number, whoever holds them
    "min.election.elected": ("Sièges attribués : {names}.", "Elected: {names}."),
    "min.election.elected_one": ("Siège attribué : {names}.", "Elected: {names}."),
    "min.election.vacant": ("{n} sièges restent vacants.", "{n} seats remain vacant."),
    "min.election.vacant_one": ("{n} siège reste vacant.", "{n} seat remains vacant."),
    "min.election.no_quorum": (
        "Le quorum n'étant pas atteint, l'assemblée ne pouvait valablement délibérer : le "
        "scrutin est consigné, aucun siège n'est attribué.",
        "The quorum not being reached, the assembly could not validly deliberate: the ballot is "
        "recorded, nobody is elected.",
    ),
    "min.election.col_candidate": ("Nom", "Candidate"),  # « Candidat » would say a gender
    "min.election.col_votes": ("Voix", "Votes"),
    "min.election.no_ballots": ("Aucun bulletin n'a été déposé.", "No ballot was cast."),
    "min.election.none_elected": ("Aucun siège n'est attribué.", "Nobody is elected."),
    "min.election.ties": (
        "Égalité entre {names} : l'assemblée départage.",
        "Tie between {names}: the assembly decides.",
    ),
    "min.election.rule.1": (
        "Premier tour : un siège revient à qui recueille plus de la moitié des suffrages "
        "exprimés (blancs exclus).",
        "First round: a seat goes to whoever gathers more than half the valid votes (blank "
        "excluded).",
    ),
    "min.election.rule.2": (
        "Second tour : les sièges reviennent à qui recueille le plus de voix.",
        "Second round: the seats go to those who gather the most votes.",
    ),
    # seminar join's report of a secret ballot
    "join.result.need_name": (
        "« {question} » est un scrutin des membres : rejoignez avec --name VOTRE NOM pour voter.",
        "“{question}” is a members' ballot: join with --name YOUR NAME to vote.",
    ),
    "join.result.not_voter": (
        "« {question} » : {reason}",
        "“{question}”: {reason}",
    ),
    "join.result.already": (
        "Ce bulletin de « {question} » était déjà dans l'urne : il n'est pas compté deux fois.",
        "This ballot of “{question}” was already in: it is not counted twice.",
    ),
    # the phones' page
    "web.page.election": (
        "Cochez jusqu'à {max} candidats puis « Envoyer » ; pour un bulletin blanc, « Voter blanc ».",
        "Tick up to {max} candidates, then “Send”; for a blank ballot, “Vote blank”.",
    ),
    "web.page.vote_blank": ("Voter blanc", "Vote blank"),
    # « Envoyer » with nothing ticked: a blank ballot is never cast by a slip of the thumb
    "web.election_empty": (
        "Aucun candidat coché : cochez-en au moins un, ou appuyez sur « Voter blanc » pour "
        "déposer un bulletin blanc.",
        "No candidate ticked: tick at least one, or press “Vote blank” to cast a blank ballot.",
    ),
    # a phone casting several ballots (its member's and the proxies'): each said apart
    "web.page.ballot_own": ("Votre bulletin", "Your ballot"),
    "web.page.ballot_in_own": ("Votre bulletin est dans l'urne.", "Your ballot is in."),
    "web.page.ballot_in_for": (
        "Le bulletin pour {name} est dans l'urne.",
        "The ballot for {name} is in.",
    ),
    "web.page.not_voter": (
        "Vous ne votez pas à ce scrutin : ni présent sur la feuille d'émargement, ni porteur "
        "d'un pouvoir.",
        "You do not vote in this ballot: neither present on the attendance sheet nor holding a "
        "proxy.",
    ),
    # members' phones in an assembly (PRODUCT §9): a member votes with their personal code
    # any member's card joins, signed in or not (cards are printed before the meeting for
    # everyone): the ballot, not the join, checks the attendance
    "web.member_code_unknown": (
        "Ce code personnel ne correspond à aucun membre de cette assemblée : vérifiez-le sur "
        "votre carte, ou demandez-le à l'accueil.",
        "This personal code matches no member of this meeting: check it on your card, or ask "
        "for it at the desk.",
    ),
    "web.member_code_needed": (
        "Pour voter en tant que membre, rejoignez avec votre code personnel (donné à "
        "l'émargement) : ce téléphone, rejoint sous le nom « {name} » sans ce code, participe "
        "comme invité. Votre vote n'a pas été enregistré.",
        "To vote as a member, join with your personal code (given at sign-in): this phone, "
        "joined as “{name}” without that code, takes part as a guest. Your vote was not "
        "recorded.",
    ),
    "web.page.member_code_notice": (
        "Les membres votent avec leur code personnel (donné à l'émargement, sur leur carte) : "
        "rejoignez avec lui pour voter.",
        "Members vote with their personal code (given at sign-in, on their card): join with it "
        "to vote.",
    ),
    "web.page.member_code": ("Code personnel (membres)", "Personal code (members)"),
    "web.page.member_code_hint": (
        "Membre de l'association : votre code figure sur votre carte ; il suffit à vous "
        "reconnaître. Invité : laissez-le vide et donnez votre nom.",
        "Member of the association: your code is on your card; it is enough to know you. "
        "Guest: leave it empty and give your name.",
    ),
    "web.page.join_member": ("Voter avec mon code", "Vote with my code"),
    "join.member_code_ask": (
        "Votre code personnel de membre (donné à l'émargement) :",
        "Your personal member code (given at sign-in):",
    ),
    "join.member_code_wrong": (
        "Ce code personnel n'est pas celui de {name} : vérifiez-le sur votre carte, ou "
        "demandez-le à l'accueil.",
        "This personal code is not {name}'s: check it on your card, or ask for it at the desk.",
    ),
    "join.member_code_unknown": (
        "Le code personnel « {code} » n'a été donné à aucun membre de cette séance : "
        "vérifiez-le sur votre carte, ou demandez-le à l'accueil.",
        "The personal code '{code}' was given to no member of this session: check it on your "
        "card, or ask for it at the desk.",
    ),
    "join.member_code_no_register": (
        "Cette séance n'a pas de registre des membres, donc pas de codes personnels : "
        "rejoignez sans --member-code.",
        "This session has no register of members, so no personal codes: join without "
        "--member-code.",
    ),
    "join.member_code_missing": (
        "{name} est membre : dans une assemblée, voter demande son code personnel "
        "(--member-code CODE, donné à l'émargement).",
        "{name} is a member: in an assembly, voting needs their personal code (--member-code "
        "CODE, given at sign-in).",
    ),
    "join.result.member_code_missing": (
        "« {question} » : votre vote de membre demande votre code personnel (donné à "
        "l'émargement) : rejoignez avec --member-code CODE.",
        "“{question}”: your vote as a member needs your personal code (given at sign-in): join "
        "with --member-code CODE.",
    ),
    "help.opt.member_code": (
        "Votre code personnel de membre (donné à l'émargement) : dans une assemblée, il faut "
        "pour voter.",
        "Your personal member code (given at sign-in): in an assembly, voting needs it.",
    ),
    # anonymous answers sealed to the runner's key (docs/architecture.md)
    "anonymous.no_holder": (
        "Le poste de l'animateur est arrêté : votre réponse anonyme n'a pas été enregistrée. "
        "Répondez de nouveau quand la séance aura repris.",
        "The facilitator's station has stopped: your anonymous answer was not recorded. Answer "
        "again once the session has resumed.",
    ),
    "anonymous.not_holder": (
        "Seul le poste qui déroule la séance {id} peut clore une question qui attend des "
        "réponses anonymes : clôturez-la depuis ce poste.",
        "Only the station running session {id} can close a prompt with anonymous answers "
        "waiting: close it from that station.",
    ),
    "answer.anonymous_too_long": (
        "réponse anonyme trop longue pour être scellée : {size} octets, au plus {max} (une "
        "lettre accentuée en compte 2, un emoji 4)",
        "anonymous answer too long to be sealed: {size} bytes, at most {max} (an accented "
        "letter counts 2, an emoji 4)",
    ),
    # the minutes: what the facilitator's station took with it when it stopped
    "min.voided_ballots_one": (
        "{n} bulletin annulé par l'arrêt du poste de l'animateur : son votant a pu voter de "
        "nouveau.",
        "{n} ballot voided when the facilitator's station stopped: its voter could vote again.",
    ),
    "min.voided_ballots": (
        "{n} bulletins annulés par l'arrêt du poste de l'animateur : leurs votants ont pu voter "
        "de nouveau.",
        "{n} ballots voided when the facilitator's station stopped: their voters could vote again.",
    ),
    "min.voided_answers_one": (
        "{n} réponse anonyme annulée par l'arrêt du poste de l'animateur : son auteur a pu "
        "répondre de nouveau.",
        "{n} anonymous answer voided when the facilitator's station stopped: its author could "
        "answer again.",
    ),
    "min.voided_answers": (
        "{n} réponses anonymes annulées par l'arrêt du poste de l'animateur : leurs auteurs ont "
        "pu répondre de nouveau.",
        "{n} anonymous answers voided when the facilitator's station stopped: their authors "
        "could answer again.",
    ),
}
