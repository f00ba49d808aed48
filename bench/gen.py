#!/usr/bin/env python3
"""Generates a deterministic playbook corpus for the benchmark, as a toolkit site and as the same
content in a Hugo site.

    bench/gen.py --pages 1000 --section-size 50 --out DIR [--seed 42]

writes DIR/toolkit/ (site.toml, content/) and DIR/hugo/ (hugo.toml, content/, layouts/). Pages are
4-8 KB of Markdown with TOML front matter (title, weight, description): headings, paragraphs,
lists, a task list, a table, relative `.md` links to other pages that resolve, and one fenced code
block. One page in 20 is a checklist (`kind = "checklist"`, `domain = "process"`) whose task items
carry ids and an indented `role: ... | phase: ...` line. Only the Python 3.11 standard library is
used and the output depends on the arguments alone.
"""

import argparse
import os
import random
import shutil

WORDS = (
    "clinic therapist patient manager team training plan feedback session programme module "
    "platform support evaluation outcome referral intake guidance treatment schedule review "
    "budget owner champion board insurer commissioner reminder booster consultation workload "
    "priority goal expectation obstacle evidence protocol measure result phase launch sustain "
    "prepare handover ownership colleague supervisor administrator license account privacy "
    "consent report meeting agenda decision rhythm caseload appointment assignment message "
    "reply week month quarter year start finish practice skill confidence attitude motivation"
).split()
ROLES = ["implementation lead", "team manager", "champion", "trainer", "supervisor"]
PHASES = ["prepare", "train", "launch", "sustain"]
LANGS = ["text", "toml", "json", "sh"]


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        i = rng.randrange(1, len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.2:
        i = rng.randrange(1, len(words))
        words[i] = f"*{words[i]}*"
    return " ".join(words) + rng.choice([".", ".", ".", "; it's \"done\".", " -- see below."])


def paragraph(rng, links):
    parts = [sentence(rng) for _ in range(rng.randint(3, 6))]
    if links and rng.random() < 0.7:
        target, title = rng.choice(links)
        parts.insert(rng.randrange(len(parts)), f"Read [{title}]({target}) first.")
    return " ".join(parts)


def title_of(sec, idx):
    return f"Playbook {sec + 1}.{idx + 1}"


class Corpus:
    def __init__(self, pages, section_size, seed):
        self.pages = pages
        self.section_size = section_size
        self.sections = (pages + section_size - 1) // section_size
        self.seed = seed

    def page_path(self, n):
        return f"s{n // self.section_size:03d}", f"p{n % self.section_size:04d}"

    def is_checklist(self, n):
        return n % 20 == 7

    def link(self, src, dst):
        s1, _ = self.page_path(src)
        s2, p2 = self.page_path(dst)
        target = f"{p2}.md" if s1 == s2 else f"../{s2}/{p2}.md"
        return target, title_of(dst // self.section_size, dst % self.section_size)

    def page(self, n):
        """Returns (front matter dict, body) of page n."""
        rng = random.Random(f"{self.seed}-{n}")
        sec, idx = n // self.section_size, n % self.section_size
        checklist = self.is_checklist(n)
        others = [rng.randrange(self.pages) for _ in range(6)]
        links = [self.link(n, o) for o in others if o != n]
        meta = {
            "title": title_of(sec, idx) + (" checklist" if checklist else ""),
            "weight": idx + 1,
            "description": sentence(rng, 10, 16),
        }
        if checklist:
            meta["kind"] = "checklist"
            meta["domain"] = "process"
        out = []
        size = rng.randint(4000, 7600)
        out.append(paragraph(rng, links))
        h = 0
        code_done = table_done = tasks_done = False
        while sum(len(x) + 2 for x in out) < size:
            h += 1
            out.append(f"## {' '.join(rng.choice(WORDS) for _ in range(3)).capitalize()} {{#part-{h}}}")
            out.append(paragraph(rng, links))
            kind = rng.random()
            if checklist or (not tasks_done and h == 2):
                items = []
                for k in range(rng.randint(3, 5)):
                    if checklist:
                        items.append(f"- [ ] {sentence(rng)} {{#item-{h}-{k}}}")
                        items.append(f"  role: {rng.choice(ROLES)} | phase: {rng.choice(PHASES)}")
                    else:
                        mark = "x" if rng.random() < 0.3 else " "
                        items.append(f"- [{mark}] {sentence(rng, 4, 9)}")
                out.append("\n".join(items))
                tasks_done = True
            elif not table_done and h >= 2:
                rows = ["| Step | Owner | Phase |", "| --- | --- | --- |"]
                for k in range(rng.randint(3, 6)):
                    rows.append(
                        f"| {sentence(rng, 3, 6)} | {rng.choice(ROLES)} | {rng.choice(PHASES)} |"
                    )
                out.append("\n".join(rows))
                table_done = True
            elif not code_done and h >= 3:
                lang = rng.choice(LANGS)
                lines = [f"{rng.choice(WORDS)} = \"{rng.choice(WORDS)}\"" for _ in range(rng.randint(3, 8))]
                out.append(f"```{lang}\n" + "\n".join(lines) + "\n```")
                code_done = True
            elif kind < 0.5:
                out.append("\n".join(f"- {sentence(rng, 4, 10)}" for _ in range(rng.randint(3, 6))))
            elif kind < 0.7:
                out.append("\n".join(f"{k + 1}. {sentence(rng, 4, 10)}" for k in range(rng.randint(3, 5))))
            else:
                out.append(paragraph(rng, links))
            if h >= 3 and rng.random() < 0.3:
                out.append(f"### {' '.join(rng.choice(WORDS) for _ in range(2)).capitalize()} {{#part-{h}-sub}}")
                out.append(paragraph(rng, links))
        if not code_done:
            out.append("```text\nno = \"code yet\"\n```")
        if not table_done and not checklist:
            out.append("| Step | Owner |\n| --- | --- |\n| Start | lead |")
        return meta, "\n\n".join(out) + "\n"


def toml_value(v):
    if isinstance(v, int):
        return str(v)
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front(meta, hugo):
    lines = ["+++"]
    params = {}
    for k, v in meta.items():
        if hugo and k in ("kind", "domain"):
            params[k] = v  # `kind` is reserved in Hugo; keep it as a parameter
        else:
            lines.append(f"{k} = {toml_value(v)}")
    if params:
        lines.append("[params]")
        lines += [f"{k} = {toml_value(v)}" for k, v in params.items()]
    lines.append("+++")
    return "\n".join(lines) + "\n\n"


HUGO_CONFIG = """baseURL = "https://example.org/bench/"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false
[markup.goldmark.parser.attribute]
title = true
"""

# The same navigation as toolkit's default theme: the top-level sections and the current
# section's pages, each list cut to the 7 entries around the current one when it is longer than
# 12, with a link to the page that lists them all.
BASEOF = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}"></head>
<body>
{{- $cur := .CurrentSection }}
{{- $here := .RelPermalink }}
{{- $secs := site.Home.Sections }}
{{- $n := len $secs }}
{{- $pos := 0 }}
{{- range $i, $s := $secs }}{{ if eq $s.RelPermalink $cur.RelPermalink }}{{ $pos = $i }}{{ end }}{{ end }}
{{- $shown := $secs }}
{{- if gt $n 12 }}{{ $shown = first 7 (after (int (math.Min (math.Max 0 (sub $pos 3)) (sub $n 7))) $secs) }}{{ end }}
<nav><ul>
{{- range $shown }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- if eq .RelPermalink $cur.RelPermalink }}
{{- $pages := .Pages }}
{{- $m := len $pages }}
{{- $at := 0 }}
{{- range $i, $p := $pages }}{{ if eq $p.RelPermalink $here }}{{ $at = $i }}{{ end }}{{ end }}
{{- $list := $pages }}
{{- if gt $m 12 }}{{ $list = first 7 (after (int (math.Min (math.Max 0 (sub $at 3)) (sub $m 7))) $pages) }}{{ end }}<ul>
{{- range $list }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
{{- if gt $m 12 }}<li><a href="{{ .RelPermalink }}">All {{ $m }} in “{{ .Title }}”</a></li>{{ end }}</ul>{{ end }}</li>
{{- end }}
{{- if gt $n 12 }}<li><a href="{{ site.Home.RelPermalink }}">All {{ $n }} in “{{ site.Home.Title }}”</a></li>{{ end }}
</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--section-size", type=int, default=50)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    c = Corpus(args.pages, args.section_size, args.seed)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    tk, hg = os.path.join(args.out, "toolkit"), os.path.join(args.out, "hugo")
    write(
        os.path.join(tk, "site.toml"),
        'title = "Benchmark"\nbase_url = "https://example.org/bench/"\n\n'
        '[[domains]]\nslug = "process"\nname = "Process"\n',
    )
    write(os.path.join(hg, "hugo.toml"), HUGO_CONFIG)
    write(os.path.join(hg, "layouts", "baseof.html"), BASEOF)
    write(os.path.join(hg, "layouts", "single.html"), SINGLE)
    write(os.path.join(hg, "layouts", "list.html"), LIST)
    home = ({"title": "Home"}, "A generated playbook site for the benchmark.\n")
    files = [("_index.md", home)]
    for s in range(c.sections):
        meta = {"title": f"Section {s + 1}", "weight": s + 1, "description": f"Playbooks of part {s + 1}."}
        files.append((f"s{s:03d}/_index.md", (meta, f"Part {s + 1} of the generated playbooks.\n")))
    for n in range(c.pages):
        sec, page = c.page_path(n)
        files.append((f"{sec}/{page}.md", c.page(n)))
    for rel, (meta, body) in files:
        write(os.path.join(tk, "content", rel), front(meta, False) + body)
        write(os.path.join(hg, "content", rel), front(meta, True) + body)
    print(f"{args.out}: {c.pages} pages in {c.sections} sections of {c.section_size}")


if __name__ == "__main__":
    main()
