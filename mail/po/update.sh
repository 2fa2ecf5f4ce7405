#!/usr/bin/env bash
# Rewrite mail/po/mentorcal.pot from the templates and merge it into every catalog (GNU gettext's
# msgmerge): new strings arrive untranslated, changed ones fuzzy, removed ones obsolete (#~), for
# translators' tools (Poedit, Lokalize, Weblate) to finish. Then tests/po/check_catalogs.py says
# what is left. A new language: msginit -i mail/po/mentorcal.pot -l xx -o mail/po/xx.po
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 strings.py >mentorcal.pot
for po in *.po; do
  msgmerge --quiet --update --backup=none --no-wrap "$po" mentorcal.pot
done
