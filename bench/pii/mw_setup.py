"""mailwarden's detectors as the benchmark runs them, whatever subset of them exists.

Normally this is `mailwarden.detectors.default_detectors()`: every detector module found.
While detectors are being written, one of them may fail to import or to compile; then the
detectors are discovered one module at a time and the ones that fail are left out and
named in the report, so the others can still be measured.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Mailwarden", "build"]


@dataclass(slots=True)
class Mailwarden:
    detect: Callable[..., list[Any]]
    names: list[str]
    left_out: list[str] = field(default_factory=list)


def _discover_each() -> tuple[list[Any], list[str]]:
    from mailwarden.detectors import core

    found, failed = [], []
    for package in core._PACKAGES:
        try:
            module = importlib.import_module(f"mailwarden.detectors.{package}")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            name = f"{module.__name__}.{info.name}"
            try:
                detector = getattr(importlib.import_module(name), "DETECTOR", None)
            except Exception as exc:  # a detector being written may not import yet
                failed.append(f"{name} (import: {type(exc).__name__}: {exc})")
                continue
            if detector is not None:
                found.append(detector)
    return found, failed


def build() -> Mailwarden:
    """The default detector set, or every detector that builds on its own (see above)."""
    from mailwarden import detectors

    try:
        default = detectors.default_detectors()
        default.detect("x")
        return Mailwarden(default.detect, [d.name for d in default.detectors])
    except Exception:
        detectors.default_detectors.cache_clear()
    found, left_out = _discover_each()
    kept = []
    for detector in found:
        try:
            detectors.Detectors([detector]).detect("x")
            kept.append(detector)
        except Exception as exc:
            left_out.append(f"{detector.name} (build: {type(exc).__name__}: {exc})")
    try:
        chosen = detectors.Detectors(kept)
    except Exception as exc:
        left_out.append(f"(all together: {type(exc).__name__}: {exc}; scanned without Hyperscan)")
        chosen = detectors.Detectors(kept, use_hyperscan=False)
    return Mailwarden(chosen.detect, [d.name for d in kept], left_out)
