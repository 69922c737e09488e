"""Plain-text tables for the benchmark: one table per section, columns as they come."""
from __future__ import annotations

import math


def cell(value) -> str:
    """How one value is written: 3 decimals for fractions, "-" for nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def format_table(rows: list[dict]) -> str:
    """The rows as aligned text, a block per ``benchmark`` with its own header.

    Each row is a dict; ``benchmark`` names its section and is not a column. A section
    shows every key its rows have, in the order they first appear.
    """
    sections: dict[str, list[dict]] = {}
    for row in rows:
        sections.setdefault(str(row.get("benchmark", "")), []).append(row)
    blocks = []
    for name, section in sections.items():
        columns: list[str] = []
        for row in section:
            columns += [key for key in row if key != "benchmark" and key not in columns]
        body = [[cell(row.get(col)) for col in columns] for row in section]
        widths = [max([len(col)] + [len(r[i]) for r in body]) for i, col in enumerate(columns)]
        numeric = [all(_is_number(r[i]) or r[i] == "-" for r in body) for i in range(len(columns))]

        def line(values):
            return "  ".join(v.rjust(w) if num else v.ljust(w)
                             for v, w, num in zip(values, widths, numeric)).rstrip()

        title = f"== {name} =="
        header = line(columns)
        rule = "  ".join("-" * w for w in widths)
        blocks.append("\n".join([title, header, rule, *(line(r) for r in body)]))
    return "\n\n".join(blocks)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
        return True
    except ValueError:
        return False
