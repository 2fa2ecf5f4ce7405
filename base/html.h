// Text into HTML: the five characters that matter escaped. For mail bodies and reports.
#pragma once

#include <string>
#include <string_view>

namespace mentorcal::base {

// Return `text` with & < > " ' as entities.
std::string html_escape(std::string_view text);

}  // namespace mentorcal::base
