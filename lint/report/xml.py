"""What the XML formats (checkstyle, junit) share: characters XML 1.0 cannot carry, and
serialising an :mod:`xml.etree.ElementTree` tree with a declaration."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """``text`` with characters XML 1.0 cannot represent (control characters such as ESC,
    lone surrogates) written as ``\\xNN``/``\\uNNNN`` escapes, so the document stays
    well-formed."""
    return _NOT_XML.sub(lambda m: ascii(m.group(0))[1:-1], text)


def serialise(root: ET.Element) -> str:
    """The document: an XML declaration (UTF-8), the tree indented by two spaces, a final
    newline. Attribute values and text are escaped by ElementTree."""
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
