"""Table structure axe-core does not judge (ACC-20..ACC-24), from the `checks` page facts.

Data table or layout table? A table marked role="presentation"/"none" is declared layout. Otherwise a table with
at least two rows and two columns, no nested table and no blocks a data cell rarely holds (headings, forms,
paragraphs, lists) is taken as data. Certain failures follow WCAG's failure techniques: F91 (a data table whose
header row or column is shown as headers — bold or shaded apart from the body — but not marked up with `th`) and
F46 (a declared layout table that uses `th`, `caption` or `summary`). The rest needs a person's look.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, Msg, PageArtifacts, msg, rule

MAX_HITS = 10
LAYOUT_ROLES = ("presentation", "none")


def _tables(art: PageArtifacts) -> list[dict]:
    return list((art.page.get("checks") or {}).get("tables") or [])


def _hit(t: dict, message: Msg, **kw) -> Hit:
    return Hit(selector=t.get("sel") or "table", snippet=t.get("html") or "", message=message, **kw)


def _looks_data(t: dict) -> bool:
    widths = t.get("widths") or []
    return (t.get("role") not in LAYOUT_ROLES and t.get("rows", 0) >= 2 and max(widths or [0]) >= 2
            and not t.get("nested") and not t.get("blocks"))


def _has_headers(t: dict) -> bool:
    return bool(t.get("th") or t.get("headers") or t.get("scope"))


@rule(
    "ACC-20", area="accessibility", requires=("checks",), impact="serious", outcome="fail", wcag=("1.3.1",),
    title_en="Data table without header cells",
    title_fi="Datataulukosta puuttuvat otsikkosolut",
    title_sv="Datatabell utan rubrikceller",
    help_en="The table holds data but none of its cells is marked as a header (<th>). A screen reader cannot say "
            "which column or row a value belongs to. Mark the header row and/or column with <th> (and scope) "
            "(WCAG 1.3.1, failure F91 where headers are shown visually but not marked up; techniques H51, H63).",
    help_fi="Taulukossa on dataa, mutta yhtäkään solua ei ole merkitty otsikoksi (<th>). Ruudunlukija ei voi kertoa, "
            "mihin sarakkeeseen tai riviin arvo kuuluu. Merkitse otsikkorivi ja/tai -sarake <th>-elementeillä (ja "
            "scope-määreellä) (WCAG 1.3.1, virhe F91, kun otsikot näkyvät mutta niitä ei ole merkitty; tekniikat "
            "H51, H63).",
    help_sv="Tabellen innehåller data men ingen cell är märkt som rubrik (<th>). En skärmläsare kan inte säga vilken "
            "kolumn eller rad ett värde hör till. Märk rubrikraden och/eller -kolumnen med <th> (och scope) "
            "(WCAG 1.3.1, fel F91 när rubriker syns men inte är uppmärkta; teknik H51, H63).",
)
def data_table_without_headers(art: PageArtifacts) -> Iterator[Hit]:
    """Fail (F91) when the first row or column is styled apart from the body but not marked as headers; review when
    a data-like table has no header cells and none shown."""
    n = 0
    for t in _tables(art):
        if not _looks_data(t) or _has_headers(t):
            continue
        n += 1
        if n > MAX_HITS:
            return
        shown = t.get("first_row_distinct") or t.get("first_col_distinct")
        where = ("row" if t.get("first_row_distinct") else "column")
        if shown:
            yield _hit(t, msg(
                en=f"The first {where} looks like headers (styled apart) but no cell is a <th>.",
                fi=f"Ensimmäinen {'rivi' if where == 'row' else 'sarake'} näyttää otsikoilta (eri tyyli), mutta "
                   "yksikään solu ei ole <th>.",
                sv=f"Första {'raden' if where == 'row' else 'kolumnen'} ser ut som rubriker (annan stil) men ingen "
                   "cell är <th>."))
        else:
            yield _hit(t, outcome="review", message=msg(
                en=f"A table of {t.get('rows')} rows has no header cells: if it holds data, mark its headers "
                   "with <th>; if it is for layout, give it role=\"presentation\".",
                fi=f"{t.get('rows')} rivin taulukossa ei ole otsikkosoluja: jos se sisältää dataa, merkitse otsikot "
                   "<th>-elementeillä; jos se on asettelua varten, anna sille role=\"presentation\".",
                sv=f"En tabell med {t.get('rows')} rader saknar rubrikceller: om den innehåller data, märk "
                   "rubrikerna med <th>; om den är för layout, ge den role=\"presentation\"."))


@rule(
    "ACC-21", area="accessibility", requires=("checks",), impact="serious", outcome="fail", wcag=("1.3.1",),
    title_en="Layout table with data table markup",
    title_fi="Asettelutaulukossa datataulukon merkintöjä",
    title_sv="Layouttabell med datatabellsmärkning",
    help_en="A table marked as layout (role=\"presentation\" or \"none\") uses header cells, a caption or a "
            "summary. That markup tells screen readers the table holds data, or is lost. Remove th, caption and "
            "summary from layout tables — better, lay out with CSS (WCAG 1.3.1, failure F46).",
    help_fi="Asettelutaulukoksi merkitty taulukko (role=\"presentation\" tai \"none\") käyttää otsikkosoluja, "
            "otsikkoa (caption) tai summary-määrettä. Merkinnät kertovat ruudunlukijalle, että taulukossa on dataa, "
            "tai ne katoavat. Poista th, caption ja summary asettelutaulukoista — parempi: tee asettelu CSS:llä "
            "(WCAG 1.3.1, virhe F46).",
    help_sv="En tabell märkt som layout (role=\"presentation\" eller \"none\") använder rubrikceller, caption eller "
            "summary. Märkningen säger skärmläsaren att tabellen innehåller data, eller går förlorad. Ta bort th, "
            "caption och summary från layouttabeller — bättre: gör layouten med CSS (WCAG 1.3.1, fel F46).",
)
def layout_table_markup(art: PageArtifacts) -> Iterator[Hit]:
    """Declared layout tables (role presentation/none) with th, caption or summary (F46)."""
    n = 0
    for t in _tables(art):
        if t.get("role") not in LAYOUT_ROLES:
            continue
        used = [k for k, v in (("th", t.get("th")), ("caption", t.get("caption")), ("summary", t.get("summary")))
                if v]
        if not used:
            continue
        n += 1
        if n > MAX_HITS:
            return
        what = ", ".join(used)
        yield _hit(t, msg(en=f"This layout table uses {what}.",
                          fi=f"Tämä asettelutaulukko käyttää merkintöjä {what}.",
                          sv=f"Den här layouttabellen använder {what}."))


@rule(
    "ACC-22", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("1.3.1",),
    title_en="Table rows of different lengths",
    title_fi="Taulukon rivit ovat eripituisia",
    title_sv="Tabellrader av olika längd",
    help_en="The rows of this data table have different numbers of columns (counting colspan and rowspan). Screen "
            "readers then pair cells with the wrong headers. Give every row the same number of columns, with "
            "colspan or empty cells where needed (WCAG 1.3.1, technique H51).",
    help_fi="Tämän datataulukon riveillä on eri määrä sarakkeita (colspan ja rowspan mukaan lukien). Ruudunlukija "
            "yhdistää silloin soluja vääriin otsikoihin. Anna jokaiselle riville sama määrä sarakkeita, tarvittaessa "
            "colspan-määreellä tai tyhjillä soluilla (WCAG 1.3.1, tekniikka H51).",
    help_sv="Raderna i den här datatabellen har olika antal kolumner (colspan och rowspan medräknade). Skärmläsare "
            "parar då ihop celler med fel rubriker. Ge alla rader lika många kolumner, med colspan eller tomma "
            "celler vid behov (WCAG 1.3.1, teknik H51).",
)
def ragged_rows(art: PageArtifacts) -> Iterator[Hit]:
    """Data tables whose rows (colspan and rowspan counted) do not all have the same number of columns."""
    n = 0
    for t in _tables(art):
        widths = [w for w in t.get("widths") or [] if w > 0]
        if not _looks_data(t) or len(set(widths)) < 2:
            continue
        n += 1
        if n > MAX_HITS:
            return
        lo, hi = min(widths), max(widths)
        yield _hit(t, msg(en=f"The rows have between {lo} and {hi} columns.",
                          fi=f"Riveillä on {lo}–{hi} saraketta.",
                          sv=f"Raderna har mellan {lo} och {hi} kolumner."),
                   evidence={"columns_per_row": widths[:20]})


@rule(
    "ACC-23", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("1.3.1",),
    title_en="Table inside a table",
    title_fi="Taulukko taulukon sisällä",
    title_sv="Tabell i en tabell",
    help_en="A table is nested in another table (or in a header cell). Screen readers lose track of which table "
            "and which headers a cell belongs to. Lay the page out with CSS and keep data tables flat; split a "
            "complex table into simple ones (WCAG 1.3.1).",
    help_fi="Taulukko on toisen taulukon (tai otsikkosolun) sisällä. Ruudunlukija ei pysy perillä siitä, mihin "
            "taulukkoon ja otsikoihin solu kuuluu. Tee asettelu CSS:llä ja pidä datataulukot yksitasoisina; jaa "
            "monimutkainen taulukko yksinkertaisiksi (WCAG 1.3.1).",
    help_sv="En tabell ligger i en annan tabell (eller i en rubrikcell). Skärmläsare tappar bort vilken tabell och "
            "vilka rubriker en cell hör till. Gör layouten med CSS och håll datatabeller platta; dela en komplex "
            "tabell i enkla (WCAG 1.3.1).",
)
def nested_table(art: PageArtifacts) -> Iterator[Hit]:
    """Tables inside another table or a header cell (the inner table is named)."""
    n = 0
    for t in _tables(art):
        if not (t.get("in_table") or t.get("in_th")):
            continue
        n += 1
        if n > MAX_HITS:
            return
        where = ("a header cell", "otsikkosolun", "en rubrikcell") if t.get("in_th") else \
            ("another table", "toisen taulukon", "en annan tabell")
        yield _hit(t, msg(en=f"This table is inside {where[0]}.", fi=f"Tämä taulukko on {where[1]} sisällä.",
                          sv=f"Den här tabellen ligger i {where[2]}."))


@rule(
    "ACC-24", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("1.3.1",),
    title_en="Complex table without scope or headers",
    title_fi="Monimutkainen taulukko ilman scope- tai headers-määreitä",
    title_sv="Komplex tabell utan scope eller headers",
    help_en="The table has header cells in more than one row or column, or cells that span rows or columns, but "
            "no scope or headers attributes. Screen readers then guess which headers apply to a cell. Add "
            "scope=\"col\"/\"row\" (H63) or id + headers (H43) (WCAG 1.3.1).",
    help_fi="Taulukossa on otsikkosoluja useammalla rivillä tai sarakkeessa tai useamman rivin tai sarakkeen "
            "levyisiä soluja, mutta ei scope- tai headers-määreitä. Ruudunlukija joutuu arvaamaan solun otsikot. "
            "Lisää scope=\"col\"/\"row\" (H63) tai id ja headers (H43) (WCAG 1.3.1).",
    help_sv="Tabellen har rubrikceller på mer än en rad eller kolumn, eller celler som spänner över rader eller "
            "kolumner, men inga scope- eller headers-attribut. Skärmläsare gissar då vilka rubriker en cell har. "
            "Lägg till scope=\"col\"/\"row\" (H63) eller id och headers (H43) (WCAG 1.3.1).",
)
def complex_without_scope(art: PageArtifacts) -> Iterator[Hit]:
    """Tables with several header rows or spanning header cells, and neither scope nor headers."""
    n = 0
    for t in _tables(art):
        if not t.get("th") or t.get("scope") or t.get("headers") or t.get("role") in LAYOUT_ROLES:
            continue
        # Headers in the first row and/or first column only are a simple table that browsers map without
        # help (H51); several header rows or header cells spanning columns are where the mapping goes wrong.
        complex_ = t.get("header_rows", 0) >= 2 or bool(t.get("th_spans"))
        if not complex_:
            continue
        n += 1
        if n > MAX_HITS:
            return
        yield _hit(t, msg(en="This table has several levels of headers (or spanning cells) but no scope or "
                             "headers attributes.",
                          fi="Tässä taulukossa on useita otsikkotasoja (tai yhdistettyjä soluja) mutta ei scope- "
                             "tai headers-määreitä.",
                          sv="Den här tabellen har flera rubriknivåer (eller sammanslagna celler) men inga scope- "
                             "eller headers-attribut."))
