"""The YAML files a course keeps for another tool (a Workbench lesson's config.yaml, a Jupyter
Book's _toc.yml), read as YAML nodes: each value with its line, for a problem to be told there.

Read with PyYAML's safe loader, which makes no object a file names, and composed only: an
alias is the very node it names, so a file of aliases cannot grow in memory. What is
not as the tool writes it is a problem at its line, or left aside; never a traceback.
"""

import os

import yaml

# A larger file is no course's settings (they are a few KB): not read.
MOST_BYTES = 1_000_000


def read_yaml(path: str, shown: str, problems: list[str], otherwise: str) -> yaml.Node | None:
    """Return the top node of the YAML file at `path` (shown to the author as `shown`), or
    None with a problem that ends with what the build does `otherwise`."""
    try:
        if os.path.getsize(path) > MOST_BYTES:
            problems.append(f"{shown}: over 1 MB, not read: {otherwise}")
            return None
        with open(path, "rb") as file:
            text = file.read().decode("utf-8-sig")
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{shown}: cannot be read ({error}): {otherwise}")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).split("\n")[0]
        problems.append(f"{shown}{where}: not YAML ({reason}): {otherwise}")
    except RecursionError:
        problems.append(f"{shown}: nested too deep to read: {otherwise}")
    return None


def fields(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """Return a mapping node's values by their keys (those written as text); {} for another."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def items(node: yaml.Node | None) -> list[yaml.Node]:
    """Return a sequence node's items; [] for another node."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def text(node: yaml.Node | None) -> str | None:
    """Return a scalar node's text, stripped; None for another node or an empty one."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return str(node.value).strip() or None


def place(shown: str, node: yaml.Node) -> str:
    """Return where a node is, as a problem names it: `content/config.yaml:6:3`."""
    return f"{shown}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
