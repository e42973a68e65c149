"""What WeasyPrint's PDF/UA-1 output leaves open, closed in one pass over the file with pikepdf.

WeasyPrint (issues #2482, #2508, #1836) tags margin boxes without linking them into the tree
(PDF/UA-1 wants them as Artifacts), tags every SVG as a Figure (our traffic-light icons are
decorative: the word beside them says the same), builds the tree page by page (a table that
crosses a page becomes two Tables, its repeated header tagged twice), gives header cells /ID
without an /IDTree and no /Scope, tags an anchor's ::after (the table of contents' leader dots
and page number) as Links inside the Link, and gives links their bare target as /Contents.
"""

from __future__ import annotations

import io
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name
from pikepdf.models import UnparseableContentStreamInstructions

HEADINGS = {f"/H{n}" for n in range(1, 7)}
# Containers whose pieces on consecutive pages are one element; see `_continues`.
SECTIONS = {"/Art", "/Sect", "/Part"}
WRAPPERS = {"/Div", "/NonStruct"}


def _kids(element: Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _elements(element: Dictionary) -> list[Dictionary]:
    return [k for k in _kids(element) if isinstance(k, Dictionary) and "/S" in k]


def _adopt(parent: Dictionary, kids: list) -> None:
    parent.K = Array(kids)
    for kid in kids:
        if isinstance(kid, Dictionary) and "/S" in kid:
            kid.P = parent


def _continues(before: Dictionary, after: Dictionary) -> bool:
    """Whether `after`, first on its page, is the rest of `before`, last on the page before:
    a table without its caption, a section that does not open with a heading, a wrapper whose
    content continues."""
    if before.get("/S") != after.get("/S"):
        return False
    kind = str(after.S)
    first = next(iter(_elements(after)), None)
    if kind == "/Table":
        return first is None or first.get("/S") != "/Caption"
    if kind in SECTIONS:
        return first is None or str(first.get("/S")) not in HEADINGS
    if kind in WRAPPERS:
        last = next(reversed(_elements(before)), None)
        return last is not None and first is not None and _continues(last, first)
    return False


def _join(before: Dictionary, after: Dictionary) -> None:
    """Moves `after`'s content into `before`: one element. A table's repeated header goes (its
    content becomes an Artifact below, as everything left out of the tree)."""
    kids = _kids(after)
    if str(after.S) == "/Table":
        kids = [k for k in kids if not (isinstance(k, Dictionary) and k.get("/S") == "/THead")]
    elif kids and isinstance(kids[0], Dictionary) and "/S" in kids[0]:
        last = next(reversed(_elements(before)), None)
        if last is not None and _continues(last, kids[0]):
            _join(last, kids[0])
            kids = kids[1:]
    _adopt(before, _kids(before) + kids)


def _reachable(root: Dictionary) -> set[tuple[int, int]]:
    seen, stack = set(), [root]
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        stack.extend(_elements(element))
    return seen


def pdf_ua_finish(pdf_bytes: bytes, *, link_texts: dict[str, str]) -> bytes:
    """The PDF with the gaps above closed. `link_texts` maps a link's target (an anchor or a
    URL) to its words, for the link annotation's /Contents."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    tree = cast(Dictionary, pdf.Root.StructTreeRoot)
    document = _elements(tree)[0]
    walk = [document]
    ids = []
    hoisted: dict[tuple[tuple[int, int], int], Dictionary] = {}
    while walk:
        element = walk.pop()
        kids = _kids(element)
        kind = element.get("/S")
        if kind == "/Link":
            # An anchor's ::after is a Link in the Link, its leader() a Link in that: the
            # leader's dots leave the tree; the page number and annotations join the anchor.
            flat = []
            for kid in kids:
                if not (isinstance(kid, Dictionary) and kid.get("/S") == "/Link"):
                    flat.append(kid)
                    continue
                for inner in _kids(kid):
                    if isinstance(inner, Dictionary) and inner.get("/S") == "/Link":
                        flat.extend(k for k in _kids(inner) if not isinstance(k, int))
                    else:
                        flat.append(inner)
                        if isinstance(inner, int):
                            hoisted[(kid.Pg.objgen, inner)] = element
            kids = flat
        kept = []
        for kid in kids:
            if not isinstance(kid, Dictionary) or "/S" not in kid:
                kept.append(kid)
            elif kid.S == "/Figure" and "/Alt" not in kid and "/ActualText" not in kid:
                continue  # decorative: an Artifact below
            else:
                kept.append(kid)
                walk.append(kid)
                if kid.S == "/TH":
                    parent = element.get("/P", Dictionary())
                    scope = "/Column" if parent.get("/S") == "/THead" else "/Row"
                    kid.A[Name.Scope] = Name(scope)
                if "/ID" in kid:
                    ids.append((bytes(kid.ID), kid))
        element.K = Array(kept)
    # One element per table (and section) across pages: WeasyPrint starts each page afresh.
    merged: list[Dictionary] = []
    for element in _elements(document):
        if merged and _continues(merged[-1], element):
            _join(merged[-1], element)
        else:
            merged.append(element)
    _adopt(document, merged)
    if ids:
        names = Array()
        for key, element in sorted(ids, key=lambda pair: pair[0]):
            names.extend([pikepdf.String(key), element])
        tree.IDTree = pdf.make_indirect(Dictionary(Names=names))
    # Whatever is not in the tree now (margin boxes, decorative icons, leader dots, repeated
    # table headers) is marked as an Artifact in the page content, and leaves the ParentTree.
    reachable = _reachable(document)
    numbers = tree.ParentTree.Nums
    by_page = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
    for index, page in enumerate(pdf.pages):
        parents = by_page.get(index)
        if not isinstance(parents, Array):
            continue
        loose = set()
        for mcid, parent in enumerate(parents):
            if isinstance(parent, Dictionary) and parent.objgen not in reachable:
                anchor = hoisted.get((page.obj.objgen, mcid))
                if anchor is None:
                    loose.add(mcid)
                else:
                    parents[mcid] = anchor
        for mcid in loose:
            parents[mcid] = pikepdf.Object.parse(b"null")
        if loose:
            instructions: list[UnparseableContentStreamInstructions] = []
            for instruction in pikepdf.parse_content_stream(page):
                operands, operator = instruction.operands, instruction.operator
                if (
                    str(operator) == "BDC"
                    and isinstance(operands[1], Dictionary)
                    and int(operands[1].get("/MCID", -1)) in loose
                ):
                    instructions.append(([Name.Artifact], pikepdf.Operator("BMC")))
                else:
                    instructions.append((operands, operator))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        for annotation in page.get("/Annots", []):
            target = str(annotation.get("/Dest", "")) or str(
                annotation.get("/A", Dictionary()).get("/URI", "")
            )
            if target in link_texts:
                annotation.Contents = pikepdf.String(link_texts[target])
    # Annotations whose Link was folded into its anchor point at the anchor.
    for i in range(0, len(numbers), 2):
        parent = numbers[i + 1]
        if isinstance(parent, Dictionary) and parent.objgen not in reachable:
            numbers[i + 1] = _anchor_of(parent, reachable)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _anchor_of(link: Dictionary, reachable: set) -> Dictionary:
    while link.objgen not in reachable:
        link = cast(Dictionary, link.P)
    return link
