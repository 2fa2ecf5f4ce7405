// E-mail addresses as text (checked elsewhere: config/address.h).
#pragma once

#include <string_view>

namespace mentorcal::base {

// Return the domain of `email`: what follows its last '@' ("example.org" of
// "amara@example.org"); all of `email` when it has no '@'.
std::string_view domain_of(std::string_view email);

}  // namespace mentorcal::base
