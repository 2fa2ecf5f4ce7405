// The text people read in letters: the templates of mail/templates/en/, compiled into the binary
// and rendered here (base/text_template.h says how), in the reader's language: each piece marked
// {{#t}}...{{/t}} is translated with the language's catalog (mail/language.h, mail/po/).
#pragma once

#include <string>
#include <string_view>

#include "base/text_template.h"
#include "mail/language.h"

namespace mentorcal::mail {

// Return the template `name` (e.g. "invite.txt": the file en/invite.txt.mustache) rendered with
// `data` in `language`. Names ending in ".html" escape HTML, the others nothing.
std::string render_text(const Language& language, std::string_view name, base::TemplateData data);

// The same without the file's final newline: for a subject, the calendar object's summary and
// description, the digest's one-line HTML, a date pattern.
std::string render_line(const Language& language, std::string_view name, base::TemplateData data);

}  // namespace mentorcal::mail
