"""A realistic, deterministic test site for the benchmark: a Finnish municipality's web pages.

`generate(root, pages=200)` writes `pages` HTML pages (default 200) into `root` and returns a `SiteInfo` with the
URL paths of every page in link order. Layout:

    /                       front page: nav + 10 "ajankohtaista" links into the sections
    /<section>/             up to 9 section landing pages (the nav: front page + sections = 10 links)
    /<section>/sivu-NNN.html content pages, split over the sections

Every page has the same header (skip link, logo, nav of 10 links), a main with an h1, about 400 words of
Finnish-looking text in 3-6 paragraphs, 1-3 images (small SVG files under /kuvat/), and a footer. About a quarter
of the pages have a form (label + input + button). Pages are chained with previous/next links in site order, so a
crawl from / reaches every page; section pages link to 10 of their pages and content pages to 3 related ones.

Seeded defects (deterministic, counted in `SiteInfo.defects`): images without alt, low-contrast text, and a few
form fields without a label. The same seed always gives the same bytes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

SEED = 20240611
N_IMAGES = 12

SECTIONS = [
    ("palvelut", "Palvelut"),
    ("asuminen", "Asuminen ja rakentaminen"),
    ("terveys", "Sosiaali- ja terveyspalvelut"),
    ("opetus", "Kasvatus ja opetus"),
    ("liikenne", "Liikenne ja kadut"),
    ("kulttuuri", "Kulttuuri ja vapaa-aika"),
    ("ymparisto", "Ympäristö ja luonto"),
    ("tyo", "Työ ja yrittäminen"),
    ("paatoksenteko", "Päätöksenteko"),
]

WORDS = (
    "kunta kaupunki asukas palvelu hakemus lomake päätös lautakunta valtuusto kokous esityslista pöytäkirja "
    "asiakas neuvonta ajanvaraus terveysasema hammashoito neuvola päiväkoti koulu lukio kirjasto uimahalli "
    "liikuntapaikka puisto katu pysäköinti joukkoliikenne bussi linja aikataulu lippu maksu hinta taksa "
    "rakennuslupa kaava asemakaava yleiskaava tontti asunto vuokra-asunto jäte kierrätys vesi viemäri sähkö "
    "lumi auraus hiekoitus kesä talvi syksy kevät viikko päivä kuukausi vuosi arkisin viikonloppuisin "
    "tiedote ilmoitus muutos kysely palaute yhteystiedot sähköposti puhelin osoite toimipiste aukioloaika "
    "avoinna suljettu maksuton maksullinen ohje tietoa lisätietoja hakea voi tulee pitää ottaa yhteyttä "
    "asioida verkossa paikan päällä kirjautua tunnistautua vahvistaa lähettää täyttää liite allekirjoitus "
    "ja tai sekä mutta myös vain jo vielä aina usein joskus noin kaikki jokainen oma uusi vanha hyvä "
    "tärkeä yhteinen alueellinen kunnallinen sosiaalinen julkinen yksityinen tarvittaessa erikseen "
    "kerran kahdesti heti viimeistään mennessä alkaen lähtien saakka kautta mukaan varten lisäksi "
    "kuntalainen perhe lapsi nuori ikäihminen omaishoitaja työtön yrittäjä opiskelija matkailija "
    "hyvinvointialue kotihoito vammaispalvelu toimeentulotuki asumisneuvonta ympäristölupa luonnonsuojelu "
    "metsä järvi ranta uimaranta latu polku retkeily tapahtuma konsertti näyttely museo teatteri harrastus"
).split()

FIRST_NAMES = ["Aino", "Eero", "Helmi", "Juho", "Kaisa", "Lauri", "Maija", "Onni", "Sanna", "Veikko"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen"]

CSS = """*{box-sizing:border-box}
body{margin:0;font-family:system-ui,sans-serif;line-height:1.6;color:#1a1a1a;background:#fff}
.ohitus{position:absolute;left:-999px}.ohitus:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{background:#00355f;color:#fff;padding:1rem}
header .logo{color:#fff;font-size:1.4rem;font-weight:bold;text-decoration:none}
nav ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{color:#fff}
main{max-width:48rem;margin:0 auto;padding:1rem}
.murupolku{font-size:.9rem}
.ingressi{font-size:1.15rem}
figure{margin:1.5rem 0}figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.9rem;color:#444}
form{border:1px solid #ccc;padding:1rem;margin:1.5rem 0}
label{display:block;font-weight:bold}input,textarea{width:100%;max-width:24rem;padding:.4rem;font:inherit}
button{margin-top:.5rem;padding:.5rem 1rem;font:inherit;background:#00355f;color:#fff;border:0}
.vaalea{color:#b3b3b3}.huomio{background:#ffd966;color:#fff;padding:.25rem}
.linkit{columns:2 14rem}
.selaus{display:flex;justify-content:space-between;margin:2rem 0}
footer{background:#f2f2f2;padding:1rem;margin-top:2rem;font-size:.9rem}
@media (max-width:600px){header .logo{font-size:1.1rem}.linkit{columns:1}}
"""


@dataclass
class SiteInfo:
    root: Path
    paths: list[str]  # URL paths of every HTML page, in site (prev/next) order; paths[0] == "/"
    defects: dict[str, int] = field(default_factory=dict)

    def urls(self, base: str) -> list[str]:
        base = base.rstrip("/")
        return [base + p for p in self.paths]


def _sentence(rng: random.Random) -> str:
    n = rng.randint(5, 13)
    words = [rng.choice(WORDS) for _ in range(n)]
    if n > 8 and rng.random() < 0.4:
        words[rng.randint(2, n - 3)] += ","
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice(".....?")


def _paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        s = _sentence(rng)
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def _title(rng: random.Random) -> str:
    n = rng.randint(2, 5)
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:]


def _svg(rng: random.Random, i: int) -> str:
    w, h = 480, 270
    bg = "#%06x" % rng.randint(0x808080, 0xFFFFFF)
    shapes = []
    for _ in range(rng.randint(3, 6)):
        col = "#%06x" % rng.randint(0, 0xFFFFFF)
        if rng.random() < 0.5:
            shapes.append(f'<circle cx="{rng.randint(0, w)}" cy="{rng.randint(0, h)}" r="{rng.randint(15, 90)}" '
                          f'fill="{col}" opacity="0.8"/>')
        else:
            shapes.append(f'<rect x="{rng.randint(0, w - 60)}" y="{rng.randint(0, h - 40)}" '
                          f'width="{rng.randint(40, 200)}" height="{rng.randint(30, 120)}" fill="{col}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'<rect width="{w}" height="{h}" fill="{bg}"/>{"".join(shapes)}</svg>\n')


def _layout(pages: int) -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    """[(path, title kind, section slug)] in site order, and the content page paths per section."""
    n_sections = max(0, min(len(SECTIONS), pages - 1))
    n_content = pages - 1 - n_sections
    order: list[tuple[str, str, str]] = [("/", "front", "")]
    per_section: dict[str, list[str]] = {}
    base, extra = divmod(n_content, n_sections) if n_sections else (0, 0)
    num = 1
    for si, (slug, _name) in enumerate(SECTIONS[:n_sections]):
        order.append((f"/{slug}/", "section", slug))
        per_section[slug] = []
        for _ in range(base + (1 if si < extra else 0)):
            path = f"/{slug}/sivu-{num:03d}.html"
            num += 1
            order.append((path, "content", slug))
            per_section[slug].append(path)
    return order, per_section


def generate(root: Path, pages: int = 200, seed: int = SEED) -> SiteInfo:
    """Write the site into `root` (created if missing) and describe it."""
    if pages < 1:
        raise ValueError("pages must be at least 1")
    rng = random.Random(seed)
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / "kuvat").mkdir(exist_ok=True)
    for i in range(N_IMAGES):
        (root / "kuvat" / f"kuva-{i:02d}.svg").write_text(_svg(rng, i), encoding="utf-8")
    (root / "tyyli.css").write_text(CSS, encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")

    order, per_section = _layout(pages)
    sections = [(slug, t) for slug, t in SECTIONS if slug in per_section]
    section_title = dict(sections)
    content = [p for p, kind, _ in order if kind == "content"]
    titles = {p: ("Etusivu" if kind == "front" else section_title[s] if kind == "section" else _title(rng))
              for p, kind, s in order}
    defects = {"img_no_alt": 0, "low_contrast": 0, "input_no_label": 0, "forms": 0, "images": 0}

    nav_items = [("/", "Etusivu")] + [(f"/{slug}/", t) for slug, t in sections]
    for idx, (path, kind, slug) in enumerate(order):
        title = titles[path]
        cur = ' aria-current="page"'
        nav = "".join(f'<li><a href="{href}"{cur if href == path else ""}>{escape(t)}</a></li>'
                      for href, t in nav_items)
        body: list[str] = []
        if kind != "front":
            crumbs = '<a href="/">Etusivu</a>'
            if kind == "content":
                crumbs += f' › <a href="/{slug}/">{escape(section_title[slug])}</a>'
            body.append(f'<p class="murupolku">{crumbs}</p>')
        body.append(f"<h1>{escape(title)}</h1>")
        body.append(f'<p class="ingressi">{_paragraph(rng, 30)}</p>')

        n_par = rng.randint(3, 6)
        n_img = rng.randint(1, 3)
        img_after = set(rng.sample(range(n_par), min(n_img, n_par)))
        for pi in range(n_par):
            if pi and rng.random() < 0.5:
                body.append(f"<h2>{escape(_title(rng))}</h2>")
            cls = ""
            if pi == n_par - 1 and rng.random() < 0.1:  # defect: light grey on white (about 2:1)
                cls = ' class="vaalea"'
                defects["low_contrast"] += 1
            body.append(f"<p{cls}>{_paragraph(rng, 370 // n_par)}</p>")
            if pi in img_after:
                img = rng.randrange(N_IMAGES)
                caption = _title(rng)
                defects["images"] += 1
                if rng.random() < 0.12:  # defect: no alt attribute at all
                    alt = ""
                    defects["img_no_alt"] += 1
                else:
                    alt = f' alt="{escape(caption)}"'
                body.append(f'<figure><img src="/kuvat/kuva-{img:02d}.svg" width="480" height="270"{alt}>'
                            f"<figcaption>{escape(caption)}</figcaption></figure>")
        if rng.random() < 0.05:  # defect: white text on yellow
            body.append(f'<p><span class="huomio">{escape(_title(rng))}</span></p>')
            defects["low_contrast"] += 1

        if rng.random() < 0.25:
            defects["forms"] += 1
            fid = f"kentta-{idx}"
            if rng.random() < 0.2:  # defect: the label is not tied to the field
                label = "<span>Sähköpostiosoite</span>"
                defects["input_no_label"] += 1
            else:
                label = f'<label for="{fid}">Sähköpostiosoite</label>'
            body.append(f'<form action="/" method="get"><h2>Tilaa uutiskirje</h2>{label}'
                        f'<input id="{fid}" name="email" type="email" autocomplete="email">'
                        f'<button type="submit">Tilaa</button></form>')

        if kind == "front":
            picks = rng.sample(content, min(10, len(content)))
            body.append("<h2>Ajankohtaista</h2><ul class=\"linkit\">" + "".join(
                f'<li><a href="{p}">{escape(titles[p])}</a></li>' for p in picks) + "</ul>")
        elif kind == "section":
            body.append(f"<h2>Sivut: {escape(section_title[slug])}</h2><ul class=\"linkit\">" + "".join(
                f'<li><a href="{p}">{escape(titles[p])}</a></li>' for p in per_section[slug][:10]) + "</ul>")
        else:
            others = [p for p in content if p != path]
            picks = rng.sample(others, min(3, len(others)))
            if picks:
                body.append("<h2>Katso myös</h2><ul>" + "".join(
                    f'<li><a href="{p}">{escape(titles[p])}</a></li>' for p in picks) + "</ul>")

        sel = []
        if idx > 0:
            prev = order[idx - 1][0]
            sel.append(f'<a href="{prev}" rel="prev">‹ Edellinen: {escape(titles[prev])}</a>')
        if idx + 1 < len(order):
            nxt = order[idx + 1][0]
            sel.append(f'<a href="{nxt}" rel="next">Seuraava: {escape(titles[nxt])} ›</a>')
        if sel:
            body.append(f'<nav class="selaus" aria-label="Sivujen selaus">{"".join(sel)}</nav>')

        contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        html = (
            '<!doctype html>\n<html lang="fi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} – Esimerkkilän kaupunki</title>"
            '<link rel="stylesheet" href="/tyyli.css"></head>\n<body>'
            '<a class="ohitus" href="#sisalto">Siirry sisältöön</a>'
            '<header><a class="logo" href="/">Esimerkkilän kaupunki</a>'
            f'<nav aria-label="Päävalikko"><ul>{nav}</ul></nav></header>\n'
            f'<main id="sisalto">{"".join(body)}</main>\n'
            "<footer><p>Esimerkkilän kaupunki · Kaupungintalo, Torikatu 1, 00100 Esimerkkilä · "
            "puh. 09 123 4567</p>"
            f"<p>Sivun sisällöstä vastaa {contact}. Päivitetty {rng.randint(1, 28)}.{rng.randint(1, 12)}.2024."
            '</p><p><a href="/">Etusivulle</a></p></footer>\n'
            "</body></html>\n"
        )
        out = root / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    return SiteInfo(root=root, paths=[p for p, _, _ in order], defects=defects)


if __name__ == "__main__":  # python bench/sitegen.py DIR [PAGES]: write the site to look at it
    import sys

    info = generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    print(f"{len(info.paths)} pages in {info.root}; defects: {info.defects}")
