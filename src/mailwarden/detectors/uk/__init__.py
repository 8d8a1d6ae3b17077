"""Detectors of UK identifiers: NHS number, NINO, sort code and account, passport, licence."""
