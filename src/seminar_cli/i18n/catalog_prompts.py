"""Messages of the prompts area: questions at the keyboard, `seminar join`, results."""

MESSAGES: dict[str, tuple[str, str]] = {
    # results on the room screen
    "results.count": ("{count} réponses", "{count} answers"),
    "results.count_one": ("1 réponse", "1 answer"),
    "results.none": ("Aucune réponse.", "No answers."),
    "results.share": ("{count} · {percent} %", "{count} · {percent}%"),
    "results.adopted": ("Résolution adoptée", "Resolution adopted"),
    "results.rejected": ("Résolution rejetée", "Resolution rejected"),
    "results.mean": ("Moyenne : {mean} (de {low} à {high})", "Mean: {mean} (from {low} to {high})"),
    "results.top_words": ("Mots les plus fréquents", "Most frequent words"),
    "results.points": ("{points} pts", "{points} pts"),
    "results.borda": (
        "Classement par décompte de Borda : chaque rang rapporte des points.",
        "Ranking by Borda count: each place earns points.",
    ),
    "results.latest": ("Dernières réponses :", "Latest answers:"),
}
