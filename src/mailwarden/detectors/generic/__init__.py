"""Detectors that are not UK-specific: email, phone, cards, IBAN, dates, credentials."""
