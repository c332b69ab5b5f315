"""Messages of sealed minutes: the hash chain (``seminar verify``), the seal, errata."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- verify
    "seal.verify.intact": (
        "Séance {id} : chaîne intacte, {count} événements. Dernière empreinte : {hash}",
        "Session {id}: chain intact, {count} events. Last hash: {hash}",
    ),
    "seal.verify.intact_one": (
        "Séance {id} : chaîne intacte, {count} événement. Dernière empreinte : {hash}",
        "Session {id}: chain intact, {count} event. Last hash: {hash}",
    ),
    "seal.verify.as_expected": (
        "Elle se termine bien par l'empreinte attendue.",
        "It ends at the expected hash.",
    ),
    "seal.verify.sealed": (
        "Scellée le {at} à l'empreinte {hash} ; {errata}.",
        "Sealed on {at} at hash {hash}; {errata}.",
    ),
    "seal.verify.no_errata": ("aucun erratum depuis", "no erratum since"),
    "seal.verify.errata": ("{count} errata depuis", "{count} errata since"),
    "seal.verify.errata_one": ("{count} erratum depuis", "{count} erratum since"),
    "seal.verify.altered": (
        "Séance {id} : la chaîne est rompue à l'événement n° {seq} ({type}, {at}) : il ne "
        "correspond plus à son empreinte (modifié, déplacé ou ajouté hors de seminar).",
        "Session {id}: the chain is broken at event no. {seq} ({type}, {at}): it no longer "
        "matches its hash (changed, moved or added outside seminar).",
    ),
    "seal.verify.missing": (
        "Séance {id} : la chaîne est rompue, il manque les événements n° {first} à "
        "{last} avant l'événement n° {seq} ({type}, {at}).",
        "Session {id}: the chain is broken, events no. {first} to {last} are missing before "
        "event no. {seq} ({type}, {at}).",
    ),
    "seal.verify.missing_one": (
        "Séance {id} : la chaîne est rompue, il manque l'événement n° {first} avant "
        "l'événement n° {seq} ({type}, {at}).",
        "Session {id}: the chain is broken, event no. {first} is missing before event no. "
        "{seq} ({type}, {at}).",
    ),
    "seal.verify.seal_mismatch": (
        "Séance {id} : le scellé porte l'empreinte {hash}, qui n'est pas celle de la chaîne à "
        "l'événement n° {seq}.",
        "Session {id}: the seal holds the hash {hash}, which is not the chain's at event no. "
        "{seq}.",
    ),
    "seal.verify.expect_elsewhere": (
        "Séance {id} : la chaîne est cohérente mais ne se termine pas par l'empreinte attendue "
        "{expected} ; elle se termine par {head} (événement n° {seq}, {at}), et l'empreinte "
        "attendue n'y figure nulle part : le journal a été tronqué ou recalculé, ou ce n'est "
        "pas la bonne séance.",
        "Session {id}: the chain holds together but does not end at the expected hash "
        "{expected}; it ends at {head} (event no. {seq}, {at}), and the expected hash is "
        "nowhere in it: the journal was cut short or recomputed, or this is not the right "
        "session.",
    ),
    "seal.verify.expect_earlier": (
        "Séance {id} : la chaîne ne se termine pas par l'empreinte attendue {expected} : elle y "
        "passe à l'événement n° {seq} ({type}, {at}), puis {after} événements ont été "
        "enregistrés après ; elle se termine par {head}.",
        "Session {id}: the chain does not end at the expected hash {expected}: it passes "
        "through it at event no. {seq} ({type}, {at}), then {after} events were recorded "
        "after it; it ends at {head}.",
    ),
    "seal.verify.expect_earlier_one": (
        "Séance {id} : la chaîne ne se termine pas par l'empreinte attendue {expected} : elle y "
        "passe à l'événement n° {seq} ({type}, {at}), puis {after} événement a été enregistré "
        "après ; elle se termine par {head}.",
        "Session {id}: the chain does not end at the expected hash {expected}: it passes "
        "through it at event no. {seq} ({type}, {at}), then {after} event was recorded after "
        "it; it ends at {head}.",
    ),
    "seal.bad_expect": (
        "« {value} » n'est pas une empreinte : --expect attend les 64 caractères (0-9, a-f) "
        "imprimés au pied du procès-verbal.",
        "'{value}' is not a hash: --expect takes the 64 characters (0-9, a-f) printed at the "
        "foot of the minutes.",
    ),
    # ---------------------------------------------------------------- seal
    "seal.sealed": (
        "Séance {id} scellée le {at} à l'empreinte {hash}. Désormais, note, decision et action "
        "n'y enregistrent qu'avec --erratum. Vérification : seminar verify {id} --expect {hash}",
        "Session {id} sealed on {at} at hash {hash}. From now on, note, decision and action "
        "record there only with --erratum. To check: seminar verify {id} --expect {hash}",
    ),
    "seal.already": (
        "La séance {id} est déjà scellée, depuis le {at}.",
        "Session {id} is already sealed, since {at}.",
    ),
    "seal.not_closed": (
        "La séance {id} n'est pas close : on ne scelle que le compte rendu d'une séance terminée.",
        "Session {id} is not closed: only the minutes of a finished session can be sealed.",
    ),
    "seal.busy": (
        "La séance {id} n'a pas pu être scellée : d'autres enregistrements arrivent sans cesse. "
        "Réessayez.",
        "Session {id} could not be sealed: other records keep arriving. Try again.",
    ),
    "seal.needs_erratum": (
        "La séance {id} est scellée depuis le {at} : rien n'y est plus ajouté, sauf un erratum "
        "(ajoutez --erratum à note, decision ou action).",
        "Session {id} has been sealed since {at}: nothing more is added to it, except an "
        "erratum (add --erratum to note, decision or action).",
    ),
    "seal.refused_attendance": (
        "La séance {id} est scellée (depuis le {at}) : son émargement est définitif, plus rien "
        "n'y est signé ni changé.",
        "Session {id} is sealed (since {at}): its attendance is final, nobody is signed in or "
        "changed there any more.",
    ),
    "seal.refused_resume": (
        "La séance {id} est scellée (depuis le {at}) : elle ne reprend plus, son compte rendu "
        "est définitif (seminar export {id}).",
        "Session {id} is sealed (since {at}): it cannot be resumed, its minutes are final "
        "(seminar export {id}).",
    ),
    "seal.erratum_unsealed": (
        "La séance {id} n'est pas scellée : enregistrez sans --erratum.",
        "Session {id} is not sealed: record without --erratum.",
    ),
    "seal.erratum_saved": (
        "Enregistré comme erratum : le compte rendu le donne après le scellé.",
        "Recorded as an erratum: the minutes give it after the seal.",
    ),
    # ---------------------------------------------------------------- minutes
    "min.l.errata": ("Errata", "Errata"),
    "min.seal.errata_intro": (
        "Enregistrés après le scellé, ils complètent ou corrigent le texte ci-dessus.",
        "Recorded after the seal, they complete or correct the text above.",
    ),
    "min.seal.sealed": (
        "Compte rendu scellé le {at} à l'empreinte {hash}.",
        "Minutes sealed on {at} at hash {hash}.",
    ),
    "min.seal.sealed_pv": (
        "Procès-verbal scellé le {at} à l'empreinte {hash}.",
        "Minutes of the meeting sealed on {at} at hash {hash}.",
    ),
    "min.seal.head": (
        "Empreinte du journal à l'export (événement n° {seq}) : {hash}. Pour vérifier que le "
        "journal n'a pas changé depuis : seminar verify {id} --expect {hash}",
        "Hash of the journal when exported (event no. {seq}): {hash}. To check that the "
        "journal has not changed since: seminar verify {id} --expect {hash}",
    ),
    "min.erratum.note": ("Note", "Note"),
    "min.erratum.decision": ("Décision", "Decision"),
    "min.erratum.action": ("Action", "Action"),
    # ---------------------------------------------------------------- help texts
    "help.verify": (
        "Vérifie la chaîne d'empreintes (SHA-256) d'une séance : « intacte » avec sa dernière "
        "empreinte (code 0), ou le premier événement modifié, manquant ou déplacé (code 1). Ne "
        "fait que lire.",
        "Check a session's chain of hashes (SHA-256): 'intact' with its last hash (exit 0), or "
        "the first event changed, missing or moved (exit 1). Only reads.",
    ),
    "help.verify.epilog": (
        "\b\nExemples :\n"
        "  seminar verify\n"
        "  seminar verify 20261126-as\n"
        "  seminar verify 20261126-as --expect 3f9c…(les 64 caractères imprimés au pied du PV)",
        "\b\nExamples:\n"
        "  seminar verify\n"
        "  seminar verify 20261126-as\n"
        "  seminar verify 20261126-as --expect 3f9c…(the 64 characters printed at the foot of "
        "the minutes)",
    ),
    "help.opt.expect": (
        "L'empreinte imprimée au pied d'un procès-verbal signé : code 1 si la chaîne ne se "
        "termine pas par elle (journal tronqué ou recalculé).",
        "The hash printed at the foot of signed minutes: exit 1 if the chain does not end "
        "there (a journal cut short or recomputed).",
    ),
    "help.seal": (
        "Scelle une séance close : enregistre sa dernière empreinte ; ensuite, note, decision "
        "et action n'y écrivent qu'avec --erratum, et le compte rendu les donne en errata.",
        "Seal a closed session: records its last hash; afterwards, note, decision and action "
        "write there only with --erratum, and the minutes give them as errata.",
    ),
    "help.seal.epilog": (
        "\b\nExemples :\n"
        "  seminar seal 20261126-as\n"
        '  seminar note --session 20261126-as --erratum "Lire 42 voix pour, non 24"',
        "\b\nExamples:\n"
        "  seminar seal 20261126-as\n"
        '  seminar note --session 20261126-as --erratum "Read 42 votes for, not 24"',
    ),
    "help.arg.seal_session": (
        "La séance à sceller (identifiant, son début ou une partie qu'il est seul à avoir).",
        "The session to seal (id, its beginning or a part only it has).",
    ),
    "help.opt.erratum": (
        "Après le scellé : enregistre un erratum, donné à part dans le compte rendu.",
        "After the seal: record an erratum, given apart in the minutes.",
    ),
}
