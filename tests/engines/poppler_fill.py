"""Fill a scorecard with poppler-glib, as Evince and other GNOME readers do, and save it.

Run by Debian's own Python (python3-gi and gir1.2-poppler-0.18), not the project's venv:
    python3 poppler_fill.py CARD.pdf OUT.pdf '{"field": "value", ...}'
A choice is selected by its export value or the first word of its label.
"""

import json
import sys

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Gio, Poppler  # noqa: E402

source, target, values = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
document = Poppler.Document.new_from_file(Gio.File.new_for_path(source).get_uri(), None)
for index in range(document.get_n_pages()):
    for mapping in document.get_page(index).get_form_field_mapping():
        field = mapping.field
        value = values.get(field.get_name())
        if value is None:
            continue
        if field.get_field_type() == Poppler.FormFieldType.TEXT:
            field.text_set_text(value)
        elif field.get_field_type() == Poppler.FormFieldType.CHOICE:
            for item in range(field.choice_get_n_items()):
                label = field.choice_get_item(item)
                if label == value or label.split()[:1] == [value]:
                    field.choice_select_item(item)
if not document.save(Gio.File.new_for_path(target).get_uri()):
    sys.exit("poppler could not save " + target)
