"""Streaming reader for AED XML (`<AedBatch xmlns="urn:parcelbench:aed:1">`).

lxml's iterparse hands over one finished `<Item>` at a time; each is turned into the JSON shape
and then cleared, so memory stays flat however large the batch. Entities are never resolved,
no DTD is loaded and the network is never touched.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from lxml import etree

from parcelbench.aed.errors import FileRefused
from parcelbench.aed.fields import (
    CONTENT_XML_TAGS,
    ITEM_XML_TAGS,
    LIST_FIELDS,
    PARTY_XML_TAGS,
    XML_NAMESPACE,
)
from parcelbench.aed.raw import RawItem


def _both(tags: dict[str, str]) -> dict[str, str]:
    """Accept each element with or without the AED namespace."""
    out = dict(tags)
    out.update({f"{{{XML_NAMESPACE}}}{tag}": name for tag, name in tags.items()})
    return out


_ITEM = _both(ITEM_XML_TAGS)
_PARTY = _both(PARTY_XML_TAGS)
_CONTENT = _both(CONTENT_XML_TAGS)
_LISTS = _both({tag: name for name, tag in LIST_FIELDS.items()})
_ROLES = _both({"Sender": "sender", "Addressee": "addressee"})
_CONTENT_TAG = _both({"Content": "content"})
_CONTENTS_TAG = _both({"Contents": "contents"})
_MONEY_WITH_CURRENCY = {"total_value", "value"}


def _first_fatal(exc: etree.XMLSyntaxError) -> tuple[str, int | None]:
    """libxml2's own first fatal error: clearer than the summary lxml raises."""
    for entry in exc.error_log:
        if entry.level_name == "FATAL":
            return entry.message.strip(), entry.line or None
    return str(exc.msg or exc).split(", line ")[0], exc.lineno or None


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else str(tag)


class XmlReader:
    format = "xml"

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.unknown_fields: set[str] = set()

    def __iter__(self) -> Iterator[RawItem]:
        etree.clear_error_log()  # the log is per thread; an earlier file's errors must not show
        context = etree.iterparse(
            io.BufferedReader(self._stream, 1 << 16),  # type: ignore[arg-type]
            events=("end",),
            tag="{*}Item",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            remove_blank_text=True,
        )
        checked = False
        try:
            for _event, item in context:
                if not checked:
                    self._check_document(item)
                    checked = True
                line = item.sourceline or 0
                data = self._item(item)
                parent = item.getparent()
                item.clear()
                if parent is not None:
                    while item.getprevious() is not None:
                        del parent[0]
                yield RawItem(line, data)
            if not checked and context.root is not None:
                self._check_document(context.root)
        except etree.XMLSyntaxError as exc:
            message, line = _first_fatal(exc)
            lowered = message.lower()
            if "utf-8" in lowered or "encoding" in lowered:
                raise FileRefused(f"not UTF-8: {message}", line=line) from None
            if "entity" in lowered or "doctype" in lowered:
                raise FileRefused(
                    f"not well-formed XML (entities are refused): {message}", line=line
                ) from None
            raise FileRefused(f"not well-formed XML: {message}", line=line) from None

    def _check_document(self, element: Any) -> None:
        tree = element.getroottree()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            raise FileRefused("XML with a DTD (<!DOCTYPE>) is refused")
        root = tree.getroot()
        if _local(root.tag) != "AedBatch":
            raise FileRefused(f"not AED: root element is <{_local(root.tag)}>")
        if element is not root and element.getparent() is not root:
            raise FileRefused(
                "not AED: <Item> elements must be direct children of <AedBatch>",
                line=element.sourceline,
            )

    def _item(self, item: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        contents: list[dict[str, Any]] = []
        attr_currency: str | None = None
        for child in item:
            tag = child.tag
            name = _ITEM.get(tag)
            if name is not None:
                data[name] = child.text
                if name in _MONEY_WITH_CURRENCY and attr_currency is None:
                    attr_currency = child.get("currency")
                continue
            role = _ROLES.get(tag)
            if role is not None:
                data[role] = self._fields(child, _PARTY, role)
                continue
            if tag in _CONTENT_TAG:
                contents.append(self._content(child))
                continue
            if tag in _CONTENTS_TAG:
                for piece in child:
                    if piece.tag in _CONTENT_TAG:
                        contents.append(self._content(piece))
                    else:
                        self.unknown_fields.add(f"Contents/{_local(piece.tag)}")
                continue
            list_name = _LISTS.get(tag)
            if list_name is not None:
                data.setdefault(list_name, []).append(child.text)
                continue
            self.unknown_fields.add(f"Item/{_local(tag)}")
        if attr_currency and "currency" not in data:
            data["currency"] = attr_currency
        data["contents"] = contents
        return data

    def _content(self, element: Any) -> dict[str, Any]:
        piece: dict[str, Any] = {}
        tags = _CONTENT
        for child in element:
            name = tags.get(child.tag)
            if name is None:
                self.unknown_fields.add(f"Content/{_local(child.tag)}")
                continue
            piece[name] = child.text
            if name == "value" and "currency" not in piece:
                currency = child.get("currency")
                if currency:
                    piece["currency"] = currency
        return piece

    def _fields(self, element: Any, tags: dict[str, str], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for child in element:
            name = tags.get(child.tag)
            if name is None:
                self.unknown_fields.add(f"{where}/{_local(child.tag)}")
            else:
                out[name] = child.text
        return out
