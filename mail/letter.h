// A short letter to one partner (not about one meeting's calendar object): the nudge, the pair
// letters, the confirmations of the partner's page. Internal to mail/.
#pragma once

#include <chrono>
#include <string>

#include "base/text_template.h"
#include "config/programme.h"
#include "mail/compose.h"
#include "mail/language.h"

namespace mentorcal::mail {

// Return the letter `name` (templates <name>.subject and <name>.txt) with `data` plus the
// programme's names and the reader's link, to `me`: Message-ID "<id_local>@<organiser domain>".
Outgoing letter_to(const config::ProgrammeInfo& programme, const Partner& me,
                   const Language& language, base::TemplateData& data, const std::string& name,
                   const std::string& id_local, std::chrono::sys_seconds now);

}  // namespace mentorcal::mail
