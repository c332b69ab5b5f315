"""The minutes: one model built from the stored agenda and the journal, then rendered."""
