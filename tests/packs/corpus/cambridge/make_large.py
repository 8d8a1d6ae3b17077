"""Write cambridge/16-attachment-over-20mb.eml: a message with one 21 MiB attachment (CCC-2.1h).

    python tests/packs/corpus/cambridge/make_large.py [--out PATH]

The file is about 29 MB once base64-encoded, so it is generated rather than committed. The
attachment bytes are pseudo-random from a fixed seed, so every run writes the same file.
"""

# ruff: noqa: E501
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from _mailkit import Attachment, addr, build, serialise, uk_time  # noqa: E402

FILE_NAME = "16-attachment-over-20mb.eml"
SIZE = 21 * 1024 * 1024  # 22,020,096 bytes: over 20 MB however the unit is read


def make(out: Path) -> Path:
    data = random.Random(2026).randbytes(SIZE)
    msg = build(
        seed="cambridge-16",
        frm=addr("Mark Felton", "mark.felton@cambridge.gov.uk"),
        to=[addr("Ruth Mayes", "ruth.mayes@heritage-consult.example")],
        subject="Mill Road depot – drone survey footage",
        when=uk_time(3, 16, 14, 50),
        text="""Dear Ruth,

Attached is the drone footage of the Mill Road depot buildings from last Thursday's survey, for your heritage assessment. The clip covers the north and east elevations of the old tram shed.

Kind regards,

Mark

Mark Felton
Planning Officer, Greater Cambridge Shared Planning
Cambridge City Council, The Guildhall, Market Square, Cambridge CB2 3QJ
Tel: 01632 960866
Email: mark.felton@cambridge.gov.uk
""",
        attachments=[Attachment("mill-road-depot-drone-survey.mp4", "video/mp4", data)],
    )
    out.write_bytes(serialise(msg))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / FILE_NAME)
    args = parser.parse_args(argv)
    path = make(args.out)
    print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
