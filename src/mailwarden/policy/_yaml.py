"""YAML with line numbers: pack errors name the file, the line and the key (DESIGN)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

__all__ = ["SourceFile", "read_yaml"]


class SourceFile:
    """A parsed YAML file: its data and its node tree, to find the line of any key."""

    def __init__(self, label: str, data: Any, node: yaml.Node | None) -> None:
        self.label = label
        self.data = data
        self.node = node

    def line(self, path: Sequence[str | int], key: str | None = None) -> int:
        """1-based line of the value at `path` (or of `key` inside it); the nearest known."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for step in (*path, *([key] if key is not None else [])):
            child = _child(node, step)
            if child is None:
                break
            node, line = child
        return line

    def error(self, path: Sequence[str | int], message: str, key: str | None = None) -> ConfigError:
        return ConfigError(f"{self.label}:{self.line(path, key)}: {message}")


def _child(node: yaml.Node | None, step: str | int) -> tuple[yaml.Node, int] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step or key_node.value == str(step):
                return value_node, key_node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        item = node.value[step]
        return item, item.start_mark.line + 1
    return None


def read_yaml(path: Path, label: str) -> SourceFile:
    """Parse one YAML file; a syntax error becomes one line naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{label}: not UTF-8 text") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ConfigError(f"{label}:{line}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{label}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return SourceFile(label, data, node)
