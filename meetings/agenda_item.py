"""The committee's agenda item (dagsordenpunkt): drafted from a committee report's frozen
snapshot in the fixed structure of seeds 001 and 004, and written as an accessible .docx.

The sections are plain text the administrator edits: paragraphs are separated by a blank line,
and lines starting with "- " are a bulleted list (a real Word list in the .docx).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from strategy.models import Strategy

LIST_MARK = "- "
LIGHTS = ("green", "yellow", "red", "missing")
LIGHT_COLOURS = {
    "green": (46, 125, 50),
    "yellow": (249, 168, 37),
    "red": (198, 40, 40),
    "missing": (158, 158, 158),
}


def _light_words(counts: dict) -> str:
    return (
        _("%(green)s planmæssige (grøn), %(yellow)s med risiko (gul) og %(red)s forsinkede (rød)")
        % counts
    )


def draft_sections(report) -> dict[str, str]:
    with translation.override("da"):
        return _draft_sections(report)


def _draft_sections(report) -> dict[str, str]:
    doc = report.snapshot or {}
    period = doc.get("period", {}).get("name", str(report.period))
    strategy_data = doc.get("strategy", {})
    strategy = Strategy.objects.first()
    counts = doc.get("totals", {}).get("counts", {})
    paragraphs = [
        _(
            "Udvalget orienteres hermed om status for %(period)s på %(name)s, som "
            "%(approved_by)s godkendte den %(approved)s."
        )
        % {
            "period": period,
            "name": strategy_data.get("name", ""),
            "approved_by": strategy_data.get("approved_by", ""),
            "approved": strategy_data.get("approved", ""),
        },
        _("I %(period)s følges %(total)s tiltag op: %(lights)s; %(missing)s mangler opdatering.")
        % {
            "period": period,
            "total": counts.get("total", 0),
            "lights": _light_words(counts),
            "missing": counts.get("missing", 0),
        },
    ]
    paragraphs += _changes_paragraphs(doc)
    paragraphs += _late_paragraphs(doc)
    focus = doc.get("focus", [])
    if focus:
        paragraphs.append(
            _("Pejlemærker i fokus:")
            + "\n"
            + "\n".join(f"{LIST_MARK}{t['number']}. {t['title']}" for t in focus)
        )
    paragraphs.append(_trained_share_paragraph(doc))
    paragraphs.append(
        _("Statusrapporten for %(period)s er vedlagt som bilag.") % {"period": period}
    )
    return {
        "title": _("Status på %(name)s, %(period)s")
        % {"name": strategy_data.get("name", ""), "period": period},
        "case_route": "SPO",
        "account": "\n\n".join(paragraphs),
        "context": _("Der er sammenhæng til %(name)s og til udviklingsplanen for Socialområdet.")
        % {"name": strategy_data.get("name", "")},
        "economy": _("Punktet har ingen økonomiske konsekvenser."),
        "legal_basis": (strategy.legal_basis if strategy else "") or "",
        "recommendation": _(
            "Direktøren for Sundhed, Læring og Trivsel indstiller, at orienteringen tages til "
            "efterretning."
        ),
    }


def _changes_paragraphs(doc: dict) -> list[str]:
    previous = doc.get("previous_period")
    changes = doc.get("changes", {})
    if not previous:
        return []
    new, completed = changes.get("new", []), changes.get("completed", [])
    shifted = changes.get("light_changed", [])
    text = _(
        "Siden %(previous)s er %(new)s tiltag kommet til, %(completed)s er afsluttet, og "
        "%(shifted)s har skiftet trafiklys."
    ) % {
        "previous": previous,
        "new": len(new),
        "completed": len(completed),
        "shifted": len(shifted),
    }
    lines = [
        f"{LIST_MARK}{c['title']}: {c['before_label'].lower()} → {c['after_label'].lower()}"
        for c in shifted
    ]
    return ["\n".join([text, *lines])]


def _late_paragraphs(doc: dict) -> list[str]:
    red = doc.get("attention", {}).get("red", [])
    if not red:
        return [_("Ingen tiltag er forsinkede.")]
    lines = []
    for entry in red:
        units = ", ".join(entry.get("units", []))
        reason = entry.get("first_sentence") or _("ingen begrundelse angivet")
        lines.append(f"{LIST_MARK}{entry['title']} ({units}): {reason}")
    return ["\n".join([_("Forsinkede tiltag, og hvorfor:"), *lines])]


def _trained_share_paragraph(doc: dict) -> str:
    staffing = doc.get("staffing") or {}
    share = staffing.get("share") or {}
    if not share.get("current"):
        return _("Der er endnu ingen personaleopgørelse.")
    text = _("Andelen af faguddannede i botilbuddene er %(current)s (%(label)s)") % {
        "current": share["current"],
        "label": share.get("current_label", ""),
    }
    target = share.get("target")
    if target:
        return text + _(" mod et måltal på %(value)s (%(date)s).") % target
    return text + _("; der er ikke fastsat et måltal.")


# --- The .docx -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph or a bulleted list of a section's text."""

    kind: str  # "paragraph" or "list"
    lines: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """A section's text as paragraphs and lists (blank lines and list marks decide)."""
    found: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        prose = [line for line in lines if not line.startswith(LIST_MARK)]
        items = [line[len(LIST_MARK) :].strip() for line in lines if line.startswith(LIST_MARK)]
        if prose:
            found.append(Block("paragraph", (" ".join(prose),)))
        if items:
            found.append(Block("list", tuple(items)))
    return found


def section_list(item) -> list[tuple[str, str]]:
    """The sections in the seeds' order, with their Danish headings (empty ones left out)."""
    sections = [
        (_("Sagsgang"), item.case_route),
        (_("Sagsfremstilling"), item.account),
        (_("Sammenhæng til andre politikker/strategier og fagområder"), item.context),
        (_("Økonomiske konsekvenser"), item.economy),
        (_("Lovgrundlag"), item.legal_basis),
        (_("Indstilling"), item.recommendation),
    ]
    return [(heading, text) for heading, text in sections if text.strip()]


def chart_alt_text(themes: list[dict]) -> str:
    parts = [
        _(
            "Pejlemærke %(number)s: %(green)s grønne, %(yellow)s gule, %(red)s røde, "
            "%(missing)s mangler opdatering"
        )
        % {"number": t["number"], **t["counts"]}
        for t in themes
    ]
    return _("Søjlediagram over trafiklys pr. pejlemærke. ") + "; ".join(parts) + "."


def _chart_png(themes: list[dict]) -> bytes:
    """A stacked bar per pejlemærke (the same figures as the table beside it)."""
    from PIL import Image, ImageDraw, ImageFont

    width, row, left = 900, 60, 170
    image = Image.new("RGB", (width, row * len(themes) + 20), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    biggest = max((t["counts"]["total"] for t in themes), default=0) or 1
    scale = (width - left - 20) / biggest
    for index, theme in enumerate(themes):
        top = 10 + index * row
        draw.text(
            (10, top + 12), _("Pejlemærke %(n)s") % {"n": theme["number"]}, fill="black", font=font
        )
        x = float(left)
        for light in LIGHTS:
            size = theme["counts"][light] * scale
            if size:
                draw.rectangle(
                    [x, top + 5, x + size, top + row - 15],
                    fill=LIGHT_COLOURS[light],
                    outline="white",
                )
                draw.text((x + 6, top + 12), str(theme["counts"][light]), fill="black", font=font)
            x += size
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def render_docx(item) -> bytes:
    with translation.override("da"):
        return _render_docx(item)


def _render_docx(item) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    report = item.report
    doc_data = report.snapshot or {}
    document = Document()
    _set_language(document, "da-DK", OxmlElement, qn)
    properties = document.core_properties
    properties.title = item.title
    properties.author = item.author
    properties.language = "da-DK"
    properties.subject = str(report.period)

    document.add_heading(item.title, level=1)
    for heading, text in section_list(item):
        document.add_heading(heading, level=2)
        if heading == _("Sagsfremstilling"):
            _write_blocks(document, text)
            _status_table_and_chart(document, doc_data, Cm, WD_TABLE_ALIGNMENT, OxmlElement, qn)
        else:
            _write_blocks(document, text)
    decision = getattr(report, "committee_decision", None)
    if decision is not None:
        document.add_heading(
            _("Beslutning i %(committee)s den %(date)s")
            % {"committee": decision.committee, "date": date_format(decision.decided_on)},
            level=2,
        )
        _write_blocks(document, decision.text)
        if decision.absent_names:
            document.add_paragraph(_("Fraværende:"))
            for name in decision.absent_names:
                document.add_paragraph(name, style="List Bullet")
    document.add_heading(_("Bilag"), level=2)
    document.add_paragraph(
        _("%(title)s, %(period)s (version %(version)s), tilgængelig PDF")
        % {"title": report.title, "period": report.period, "version": report.version},
        style="List Number",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _write_blocks(document, text: str) -> None:
    for block in blocks(text):
        if block.kind == "paragraph":
            document.add_paragraph(block.lines[0])
        else:
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")


def _set_language(document, language: str, OxmlElement, qn) -> None:
    """The document's default language (docDefaults), so Word checks spelling in Danish and
    screen readers read Danish."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def _status_table_and_chart(document, doc: dict, Cm, alignment, OxmlElement, qn) -> None:
    themes = doc.get("themes", [])
    if not themes:
        return
    document.add_paragraph(
        _("Tabel 1. Tiltagenes trafiklys pr. pejlemærke i %(period)s")
        % {"period": doc.get("period", {}).get("name", "")},
        style="Caption",
    )
    headers = [_("Pejlemærke"), _("Grøn"), _("Gul"), _("Rød"), _("Mangler"), _("I alt")]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = alignment.LEFT
    header = table.rows[0]
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # Marked as the header row, repeated on every page the table spans.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for theme in themes:
        counts = theme["counts"]
        cells = table.add_row().cells
        values = [
            f"{theme['number']}. {theme['title']}",
            *(str(counts[light]) for light in LIGHTS),
            str(counts["total"]),
        ]
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    document.add_paragraph(
        _("Figur 1. Tiltagenes trafiklys pr. pejlemærke (samme tal som tabel 1)"),
        style="Caption",
    )
    picture = (
        document.add_paragraph().add_run().add_picture(io.BytesIO(_chart_png(themes)), width=Cm(15))
    )
    alt = chart_alt_text(themes)
    picture._inline.docPr.set("descr", alt)
    picture._inline.docPr.set("title", _("Trafiklys pr. pejlemærke"))
