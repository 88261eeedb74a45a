"""Byte sizes: parsing them as dive does, printing them as docker does.

* :func:`parse_size` reads sizes the way dive reads ``highestWastedBytes`` (go-humanize's
  ``ParseBytes``): a number, optionally with commas and a fraction, then an optional unit,
  case-insensitive; ``kB``/``MB``/``GB``... and bare ``k``/``M``/``G`` are decimal (powers of
  1000), ``KiB``/``MiB``/``GiB`` and ``Ki``/``Mi``/``Gi`` binary (powers of 1024). ``20MB`` is
  20,000,000 bytes.
* :func:`human` prints a size the way ``docker images`` does (docker's
  ``units.HumanSizeWithPrecision(size, 3)``): decimal units, three significant digits:
  ``1982263`` is ``1.98MB``, ``5001000`` is ``5MB``.
"""

from __future__ import annotations

import re

_DECIMAL = ("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
_UNITS = {
    "": 1, "b": 1,
    "k": 1000, "kb": 1000, "ki": 1024, "kib": 1024,
    "m": 1000**2, "mb": 1000**2, "mi": 1024**2, "mib": 1024**2,
    "g": 1000**3, "gb": 1000**3, "gi": 1024**3, "gib": 1024**3,
    "t": 1000**4, "tb": 1000**4, "ti": 1024**4, "tib": 1024**4,
    "p": 1000**5, "pb": 1000**5, "pi": 1024**5, "pib": 1024**5,
    "e": 1000**6, "eb": 1000**6, "ei": 1024**6, "eib": 1024**6,
}
_NUMBER_RE = re.compile(r"[0-9.,]*")
_MAX = 2**64


def parse_size(text: str) -> int:
    """Bytes in ``text`` (``"20MB"``, ``"1.5 GiB"``, ``"4096"``), as go-humanize parses them.

    Raises:
        ValueError: not a size (the message says why).
    """
    number = _NUMBER_RE.match(text)
    digits = number.group(0) if number else ""
    unit = text[len(digits):].strip().lower()
    digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        raise ValueError(f"{text!r} is not a size (examples: 20MB, 1.5GiB, 4096)") from None
    if unit not in _UNITS:
        raise ValueError(f"{text!r}: unknown unit {unit!r} (use B, kB, MB, GB, KiB, MiB, GiB...)")
    scaled = value * _UNITS[unit]
    if scaled >= _MAX:
        raise ValueError(f"{text!r} is too large")
    return int(scaled)


def human(size: int) -> str:
    """``size`` bytes in docker's notation: decimal units, 3 significant digits (``6.98MB``)."""
    value = float(size)
    i = 0
    while value >= 1000.0 and i < len(_DECIMAL) - 1:
        value /= 1000.0
        i += 1
    return f"{value:.3g}{_DECIMAL[i]}"


def signed_human(size: int) -> str:
    """:func:`human` with an explicit sign for differences (``+785MB``, ``-1.2kB``, ``0B``)."""
    if size == 0:
        return "0B"
    return ("+" if size > 0 else "-") + human(abs(size))


#: The sentence reports print under their tables.
UNITS_NOTE = ("Sizes in decimal units as docker shows them: 1 kB = 1,000 bytes, "
              "1 MB = 1,000,000 bytes.")
