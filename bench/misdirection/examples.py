"""Show mailwarden's false alarms for one rule, or its misses for one error kind.

Run:  .venv/bin/python bench/misdirection/examples.py (--rule NAME | --missed KIND)
      [--limit 5] [--staff 120] [--days 70] [--warmup-days 40]

For working on a signal or a rule: the benchmark's figures say how often, this says where.
A smaller organisation than the benchmark's, replayed in one process; the people and data
are synthetic, so printing them is harmless.
"""

from __future__ import annotations

import argparse

import run
import simulate as sim

from mailwarden.message.reader import parse_message_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--rule", help="false alarms of this rule (a binding id)")
    which.add_argument("--missed", choices=sim.KINDS, help="errors of this kind not warned")
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--seed", type=int, default=sim.DEFAULT_SEED)
    parser.add_argument("--staff", type=int, default=120)
    parser.add_argument("--days", type=int, default=70)
    parser.add_argument("--warmup-days", type=int, default=40)
    parser.add_argument("--sample", type=float, default=0.3)
    args = parser.parse_args(argv)
    world = run._STATE["world"] = sim.simulate(args.seed, args.staff, args.days)
    options = {
        "pack": "norfolk",
        "seed": args.seed,
        "warmup_days": args.warmup_days,
        "sample": args.sample,
        "verify": 0,
    }
    rows = run._replay((run._split(world, 1)[0], options))
    if args.rule:
        chosen = [
            r for r in rows if r.get("evaluated") and not r["error"] and args.rule in r["rules"]
        ]
    else:
        chosen = [r for r in rows if r["error"] == args.missed and not r["rules"]]
    print(f"{len(chosen)} sends\n")
    for row in chosen[: args.limit]:
        mail = world.mails[row["i"]]
        print("=" * 100)
        print(f"send {mail.index} {mail.kind} error={mail.error or '-'} {mail.detail}")
        print(f"intended: {[p.address for p in mail.intended]}")
        print(
            f"history count of each recipient: min {row['min_count']}; personal data: {row['pd']}"
        )
        print(f"signals: {row['signals']}")
        for text in row["messages"]:
            print(f"finding: {text}")
        print("-" * 100)
        message = parse_message_bytes(sim.render(world.mails, mail))
        for name in ("From", "To", "Cc", "Subject"):
            if message.header(name):
                print(f"{name}: {message.header(name)}")
        print()
        print(message.body.text[:1500])
        for attachment in message.attachments:
            print(f"[attachment {attachment.filename}]\n{attachment.text[:800]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
