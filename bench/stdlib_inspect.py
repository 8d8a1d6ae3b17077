"""The standard-library peer of `mailwarden inspect --format json` for whole-process timing.

Reads an mbox with `mailbox.mbox` and, per message, does the `stdlib full` work of
bench/parse.py (policy=default parse, header fields, addresses, body text, attachment bytes),
printing one JSON line per message. Run: python bench/stdlib_inspect.py PATH.mbox
"""

from __future__ import annotations

import json
import mailbox
import sys
from email.parser import BytesParser
from email.policy import default

FIELDS = ("from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references")


def main(path: str) -> int:
    box = mailbox.mbox(path, factory=None, create=False)
    for n, key in enumerate(box.iterkeys(), start=1):
        msg = BytesParser(policy=default).parsebytes(box.get_bytes(key))
        fields = {name: str(msg[name]) for name in FIELDS if msg[name] is not None}
        addresses = [
            a.addr_spec
            for name in ("from", "to", "cc")
            if msg[name] is not None
            for a in msg[name].addresses
        ]
        body = msg.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        sizes = [len(part.get_content()) for part in msg.iter_attachments()]
        print(
            json.dumps(
                {
                    "source": f"{path}#{n}",
                    "fields": fields,
                    "addresses": addresses,
                    "body_chars": len(text),
                    "attachments": sizes,
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
