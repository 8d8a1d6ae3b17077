"""Detectors of the sensitive categories: UK GDPR Art. 9 special categories, criminal offences
(Art. 10) and safeguarding.

One module per category, each a curated term list (`data/<category>.yaml`) riding the shared
Hyperscan scan, scored by the words around each term (`_detector.py`).
"""
