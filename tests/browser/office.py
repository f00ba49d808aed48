"""Reads every Word and Excel file of a built site with python-docx and openpyxl, readers
independent of the ones that wrote them, and checks what a clinic sees when it opens them.

Usage: office.py PUBLIC_DIR [fixture]. With `fixture`, the site is tests/fixtures/office and its
files' exact contents are checked too. Prints `N passed, 0 failed` or fails with a message."""

import csv
import io
import pathlib
import re
import sys

import docx
import openpyxl

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
public = pathlib.Path(sys.argv[1])
fixture = len(sys.argv) > 2 and sys.argv[2] == "fixture"
checked = 0


def fail(message):
    raise SystemExit(f"office.py: {message}")


def expect(actual, wanted, what):
    if actual != wanted:
        fail(f"{what}: expected {wanted!r}, got {actual!r}")


def language(document):
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return None if lang is None else lang.get(f"{W}val")


def lang_of(path):
    return "nl-NL" if path.relative_to(public).parts[0] == "nl" else "en-GB"


def headings(document):
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")
    ]


def list_levels(document):
    out = []
    for p in document.paragraphs:
        num = p._p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            level = int(num.find(f"{W}ilvl").get(f"{W}val"))
            number = int(num.find(f"{W}numId").get(f"{W}val"))
            out.append((p.text, level, number))
    return out


def highlighted(document):
    texts = []
    for p in list(document.paragraphs) + [
        p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]:
        for run in p.runs:
            h = run._r.find(f"{W}rPr/{W}highlight")
            if h is not None and h.get(f"{W}val") == "yellow":
                texts.append(run.text)
    return texts


def table_cells(table):
    return [[c.text for c in row.cells] for row in table.rows]


def check_docx(path):
    document = docx.Document(str(path))
    expect(language(document), lang_of(path), f"{path}: language")
    section = document.sections[0]
    expect((section.page_width.twips, section.page_height.twips), (11906, 16838), f"{path}: A4")
    expect(section.left_margin.twips, 1134, f"{path}: margin")
    expect(document.paragraphs[0].style.name, "Title", f"{path}: first paragraph")
    title = document.paragraphs[0].text
    header = section.header.paragraphs[0].text
    if not header.startswith(title + " · "):
        fail(f"{path}: header {header!r} does not start with the title {title!r}")
    footer = section.footer.paragraphs[0].text
    if not re.fullmatch(r"(Made on|Gemaakt op) \d{4}-\d{2}-\d{2}", footer):
        fail(f"{path}: footer {footer!r}")
    return document


def read_csv(path):
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\r\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], rows[1:]


STATUS = {"en-GB": '"to do,doing,done"', "nl-NL": '"te doen,bezig,klaar"'}


FILLED_ON_PAPER = {"Date", "Initials", "Datum", "Paraaf"}


def check_xlsx(path, csv_path):
    book = openpyxl.load_workbook(str(path))
    head, csv_rows = read_csv(csv_path)
    compared = [name for name in head if name not in FILLED_ON_PAPER]
    checklist = head[0] in ("Domain", "Domein")
    xlsx_rows = []
    for sheet in book.worksheets:
        expect(sheet.freeze_panes, "A2", f"{path} {sheet.title}: frozen header")
        if not sheet.auto_filter.ref.startswith("A1:"):
            fail(f"{path} {sheet.title}: autofilter {sheet.auto_filter.ref!r}")
        header = [c.value for c in sheet[1]]
        status = openpyxl.utils.get_column_letter(header.index("Status") + 1)
        due = openpyxl.utils.get_column_letter(len(header))
        expect(header[-1], {"en-GB": "Due date", "nl-NL": "Uiterlijk op"}[lang_of(path)], f"{path}: last column")
        validations = {dv.type: dv for dv in sheet.data_validations.dataValidation}
        expect(validations["list"].formula1, STATUS[lang_of(path)], f"{path}: status choices")
        if not str(validations["list"].sqref).startswith(f"{status}2:"):
            fail(f"{path}: status drop-down on {validations['list'].sqref}")
        if not str(validations["date"].sqref).startswith(f"{due}2:"):
            fail(f"{path}: date check on {validations['date'].sqref}")
        # The longest text (the item, the action) is wrapped in a wide column.
        longest = max(range(len(compared)), key=lambda i: sum(len(r[head.index(compared[i])]) for r in csv_rows))
        column = openpyxl.utils.get_column_letter(header.index(compared[longest]) + 1)
        if sheet.max_row > 1 and not sheet[f"{column}2"].alignment.wrap_text:
            fail(f"{path}: the column {compared[longest]} is not wrapped")
        if (sheet.column_dimensions[column].width or 0) < 30:
            fail(f"{path}: the column {compared[longest]} is narrow")
        for values in sheet.iter_rows(min_row=2, values_only=True):
            row = dict(zip(header, ["" if v is None else v for v in values]))
            xlsx_rows.append(row)
            if checklist:
                domain = row[head[0]]
                expect(sheet.title, domain[:31], f"{path}: the sheet of a row")
    # Every column the CSV has (but the date and initials to fill in on paper) holds the same.
    expect(len(xlsx_rows), len(csv_rows), f"{path}: rows")
    for name in compared:
        i = head.index(name)
        expect([r.get(name, "") for r in xlsx_rows], [row[i] for row in csv_rows], f"{path}: column {name}")


def fixture_checks():
    plan = docx.Document(str(public / "templates/plan/plan.docx"))
    expect(
        headings(plan),
        [("Title", "Action plan"), ("Heading 2", "Goals"), ("Heading 2", "Who does what"), ("Heading 3", "Sources")],
        "plan headings",
    )
    levels = list_levels(plan)
    expect([(t, l) for t, l, _ in levels], [
        ("Start with two therapists.", 0), ("Add the others:", 0), ("after the pilot;", 1),
        ("with a refresher.", 1), ("Review after [[number]] months.", 0)], "plan lists")
    if levels[0][2] == levels[2][2]:
        fail("the numbered and the bullet list share a numbering")
    expect(table_cells(plan.tables[0]), [
        ["Task", "Owner", "When"], ["Agree the rota", "Team manager", "Month 1"],
        ["Train the team", "[[trainer]]", "Month 2"]], "plan table")
    expect(highlighted(plan), ["[[clinic name]]", "[[your name]]", "[[number]]", "[[trainer]]"], "placeholders")
    links = re.findall(r'HYPERLINK "([^"]*)"', "".join(t.text or "" for t in plan.element.iter(f"{W}instrText")))
    expect(links, ["https://example.org/kit/lists/start/", "https://example.org/kit/", "https://cfirguide.org/?a=1&b=2"], "links")
    quote = [p.text for p in plan.paragraphs if p.style is not None and p.style.name == "Quote"]
    expect(quote, ["Ask the board early: a decision on paper saves months."], "quote")
    bold = [r.text for p in plan.paragraphs for r in p.runs if r.bold]
    if "[[clinic name]]" not in bold:
        fail(f"bold runs: {bold}")
    expect(plan.sections[0].header.paragraphs[0].text, "Action plan · Clinic toolkit", "header")
    expect(plan.sections[0].footer.paragraphs[0].text, "Made on 2026-11-22", "footer")
    dutch = docx.Document(str(public / "nl/templates/plan/plan.docx"))
    expect(language(dutch), "nl-NL", "Dutch language")
    expect(highlighted(dutch), ["[[naam instelling]]"], "Dutch placeholders")
    form = docx.Document(str(public / "nl/lists/start/start.docx"))
    expect(table_cells(form.tables[0])[0], ["Klaar", "Actiepunt", "Datum", "Paraaf"], "form header")
    expect(headings(form)[1:], [("Heading 2", "Plan"), ("Heading 2", "Starten"), ("Heading 2", "Notities / eigenaar")], "form groups")
    book = openpyxl.load_workbook(str(public / "nl/checklists.xlsx"))
    expect(book.sheetnames, ["Interne context", "Proces"], "sheet names")
    stakeholders = openpyxl.load_workbook(str(public / "map/map.xlsx"))
    expect(stakeholders.sheetnames, ["Our map"], "the map's sheet")
    header = [c.value for c in stakeholders.worksheets[0][1]]
    expect(header[-3:], ["Owner", "Status", "Due date"], "the map's last columns")


for path in sorted(public.rglob("*.docx")):
    check_docx(path)
    checked += 1
for path in sorted(public.rglob("*.xlsx")):
    csv_path = path.with_suffix(".csv")
    if not csv_path.exists():
        fail(f"{path} has no CSV beside it")
    check_xlsx(path, csv_path)
    checked += 1
if checked == 0:
    fail(f"no Word or Excel files under {public}")
if fixture:
    fixture_checks()
    checked += 1
print(f"{checked} passed, 0 failed")
