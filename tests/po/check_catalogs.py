#!/usr/bin/python3
"""The message catalogs of mail/po/ against the templates (issue 13): every catalog is complete and
current. Fails when
  - msgfmt --check refuses a catalog (syntax, header, printf-style format mismatches);
  - mail/po/mentorcal.pot is not what mail/po/strings.py makes of the templates today;
  - a catalog misses a string, or has it untranslated or fuzzy;
  - a catalog has a stale string: one no template marks any more (obsolete "#~" ones included);
  - a translation drops or adds a {{tag}} of its string, or a date pattern loses its time, day,
    month, weekday or year, or uses a conversion ICU's strftime-like patterns do not have.
Prints the coverage of each catalog. With --self-test, first breaks copies of a catalog in each of
those ways and checks that each is caught.
Usage: check_catalogs.py [--self-test]     (Debian's /usr/bin/python3; needs gettext's msgfmt)
"""
import gettext
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PO = ROOT / "mail" / "po"
sys.path.insert(0, str(PO))
import strings  # noqa: E402

CONVERSION = re.compile(r"%(.)")
ALLOWED = set("aAbBdeYHM%")
# What a date pattern must keep: each group present in the English must be present translated.
KEEP = [("time", set("HM")), ("day", set("de")), ("month", set("bB")), ("weekday", set("aA")), ("year", set("Y"))]


def catalog(po):
    """Return ({msgid: msgstr} of the translated, non-fuzzy strings, [problems])."""
    with tempfile.NamedTemporaryFile(suffix=".mo") as mo:
        run = subprocess.run(["msgfmt", "--check", "-o", mo.name, str(po)], capture_output=True, text=True)
        if run.returncode != 0:
            return {}, [f"msgfmt --check: {run.stderr.strip()}"]
        with open(mo.name, "rb") as f:
            entries = dict(gettext.GNUTranslations(f)._catalog)
    entries.pop("", None)  # the header
    problems = []
    if re.search(r"^#~", po.read_text(encoding="utf-8"), re.M):
        problems.append("stale: obsolete (#~) strings are left in the file")
    return entries, problems


def check(po, pieces):
    entries, problems = catalog(po)
    for msgid in pieces:
        if msgid not in entries:
            problems.append(f"missing (or untranslated, or fuzzy): {msgid!r}")
    for msgid, msgstr in entries.items():
        if msgid not in pieces:
            problems.append(f"stale: {msgid!r} is in no template")
            continue
        if strings.tags(msgid) != strings.tags(msgstr):
            problems.append(f"tags differ: {msgid!r} has {strings.tags(msgid)}, the translation {strings.tags(msgstr)}")
        if strings.PATTERN.search(msgid):
            want, got = set(CONVERSION.findall(msgid)), set(CONVERSION.findall(msgstr))
            if got - ALLOWED:
                problems.append(f"date pattern {msgstr!r} uses {sorted(got - ALLOWED)}")
            for what, group in KEEP:
                if want & group and not got & group:
                    problems.append(f"date pattern {msgstr!r} lost the {what} of {msgid!r}")
    return len(pieces) - sum(1 for m in pieces if m not in entries), problems


def check_all(po_dir, pieces):
    failed = 0
    for po in sorted(po_dir.glob("*.po")):
        done, problems = check(po, pieces)
        print(f"{po.stem}: {done} of {len(pieces)} strings translated, {len(problems)} problems")
        for p in problems:
            print(f"  {po.name}: {p}")
        failed += bool(problems)
    return failed


def self_test(pieces):
    """Each kind of damage to a good catalog must be caught."""
    good = (PO / "es.po").read_text(encoding="utf-8")
    first = next(iter(pieces))  # "Hello {{me}},"
    damages = {
        "missing": lambda t: t.replace(f'msgid "{first}"', 'msgid "gone"', 1).replace('msgstr "Hola, {{me}}:"', 'msgstr "x"', 1),
        "untranslated": lambda t: t.replace('msgstr "Hola, {{me}}:"', 'msgstr ""', 1),
        "fuzzy": lambda t: t.replace(f'msgid "{first}"', f'#, fuzzy\nmsgid "{first}"', 1),
        "stale": lambda t: t + '\nmsgid "A sentence no template has."\nmsgstr "Una frase."\n',
        "obsolete": lambda t: t + '\n#~ msgid "Old words."\n#~ msgstr "Palabras viejas."\n',
        "placeholder": lambda t: t.replace('msgstr "Hola, {{me}}:"', 'msgstr "Hola:"', 1),
        "date": lambda t: t.replace('msgstr "%A %e de %B de %Y, %H:%M"', 'msgstr "%A %e de %B de %Y"', 1),
        "syntax": lambda t: t.replace('msgstr "Hola, {{me}}:"', 'msgstr "Hola, {{me}}:', 1),
    }
    caught = 0
    for name, damage in damages.items():
        broken = damage(good)
        assert broken != good, f"self-test {name}: the damage changed nothing"
        with tempfile.TemporaryDirectory() as tmp:
            po = pathlib.Path(tmp) / "es.po"
            po.write_text(broken, encoding="utf-8")
            _, problems = check(po, pieces)
        if problems:
            caught += 1
        else:
            print(f"self-test: a catalog {name} was not caught")
    print(f"self-test: {caught} of {len(damages)} kinds of damage caught")
    return caught == len(damages)


def main():
    pieces = strings.pieces()
    failed = 0
    if "--self-test" in sys.argv and not self_test(pieces):
        failed += 1
    if (PO / "mentorcal.pot").read_text(encoding="utf-8") != strings.pot():
        print("mentorcal.pot is out of date: run mail/po/update.sh")
        failed += 1
    failed += check_all(PO, pieces)
    print(f"en: {len(pieces)} strings (the templates' own words)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
