"""Detectors of people's names (PERSON): a gazetteer of forenames and surnames across the
communities UK councils serve, weighed with titles, salutations and context words."""
