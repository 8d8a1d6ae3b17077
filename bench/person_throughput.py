"""PERSON detector throughput on generated council-style prose (seeded, synthetic names).

Run: .venv/bin/python bench/person_throughput.py [MEGABYTES]
Prints MB/s (CPU time of this thread, best of three) for the two PERSON detectors
(`names.person` and `names.person_context`, through their own scanner) over message-sized
documents of about 3 kB, on two corpora: case notes where one sentence in five names someone,
and ordinary council prose where one in twenty-five does. Making each `Document` (shared by all
detectors) is left out of the timing.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from mailwarden.detectors.core import Detectors
from mailwarden.detectors.document import Document
from mailwarden.detectors.names.person import DETECTOR
from mailwarden.detectors.names.person_context import DETECTOR as CONTEXT

DATA = Path(__file__).resolve().parent.parent / "src/mailwarden/detectors/names/data"

FILLER = [
    "Please find attached the minutes from Tuesday's meeting of the housing panel.",
    "The Council will review the application within twenty working days.",
    "I have spoken to the Adult Social Care team and they will call back next week.",
    "Can you confirm whether the visit on Thursday still suits the family?",
    "The repairs to the roof at Elm Road were completed in March.",
    "Our records show that the rent account is now up to date.",
    "Norfolk County Council has updated its guidance on school transport.",
    "If you have any questions, please do not hesitate to contact me.",
    "The referral was passed to Citizens Advice for help with the benefit claim.",
    "We are unable to share this information without consent.",
    "Thank you for your email, which I have forwarded to the relevant officer.",
    "The next review is booked for 14 May at County Hall.",
    "St Mary's School have asked for an update on the transport arrangements.",
    "A copy of the decision letter will be sent by post.",
    "The property inspection found damp in the rear bedroom.",
    "Following the meeting, the case will be closed at the end of the month.",
    "May I remind everyone that timesheets are due on Friday.",
    "Will you be able to attend the strategy meeting in person?",
    "The Grace period for the payment plan ends in June.",
    "This email and any attachments are confidential and intended for the addressee only.",
]
WITH_NAMES = [
    "I visited {f} {s} at home on Monday and discussed the support plan.",
    "Mrs {s} called to say that her son {f} has been unwell.",
    "Dear {f},\n\nThank you for getting back to me so quickly.",
    "The tenant, Mr {s}, has reported a leak in the kitchen.",
    "Service user {f} {s} attended the day centre as planned.",
    "{f}'s mother asked whether the assessment could be moved.",
    "Kind regards,\n{f} {s}\nSocial Worker",
    "Please could {f} {s} contact the housing team about the application.",
    "Hi {f}, could you send me the updated figures?",
    "Dr {s} has written to confirm the diagnosis.",
]


def names(filename: str) -> list[str]:
    text = (DATA / filename).read_text(encoding="utf-8")
    return [line.split("\t", 1)[0] for line in text.splitlines()]


def corpus(megabytes: float, share: float = 0.2, seed: int = 7) -> str:
    rng = random.Random(seed)
    forenames, surnames = names("forenames.tsv"), names("surnames.tsv")
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = []
        for _ in range(rng.randint(3, 7)):
            if rng.random() < share:
                template = rng.choice(WITH_NAMES)
                paragraph.append(template.format(f=rng.choice(forenames), s=rng.choice(surnames)))
            else:
                paragraph.append(rng.choice(FILLER))
        chunk = " ".join(paragraph) + "\n\n"
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)


def main() -> int:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 4.0
    DETECTOR.load()  # read the gazetteer outside the timing
    person = Detectors([DETECTOR, CONTEXT])
    corpora = (("case notes (1 sentence in 5 names someone)", 0.2), ("prose (1 in 25)", 0.04))
    for label, share in corpora:
        text = corpus(megabytes, share)
        docs = [Document(text[i : i + 3000]) for i in range(0, len(text), 3000)]
        best = float("inf")
        for _ in range(3):
            began = time.thread_time()
            found = [e for doc in docs for e in person.candidates(doc)]
            best = min(best, time.thread_time() - began)
        size = len(text.encode("utf-8")) / 1_000_000
        acted = sum(1 for e in found if e.score >= 0.6)
        print(f"{label}: {size:.1f} MB, {size / best:.1f} MB/s, {acted} names at ACT or above")
    return 0


if __name__ == "__main__":
    sys.exit(main())
