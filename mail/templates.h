// The text people read in letters: the templates of mail/templates/<language>/, compiled into
// the binary and rendered here (base/text_template.h says how). Only English exists; a translated
// set sits beside it under the same names.
#pragma once

#include <string>
#include <string_view>

#include "base/text_template.h"

namespace mentorcal::mail {

// Return the template `name` (e.g. "invite.txt": the file en/invite.txt.mustache) rendered with
// `data`. Names ending in ".html" escape HTML, the others nothing.
std::string render_text(std::string_view name, base::TemplateData data);

// The same without the file's final newline: for a subject, the calendar object's summary and
// description, the digest's one-line HTML.
std::string render_line(std::string_view name, base::TemplateData data);

}  // namespace mentorcal::mail
