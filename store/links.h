// Partners' links (issue 15, web/link_token.h): per person, the generation of their current link
// and the SHA-256 of its token; never the token itself.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mentorcal::store {

struct LinkRow {
  std::string person;
  std::int64_t generation = 0;  // bumped by `mentorcal person relink`
  std::string token_hash;       // "" when retired (the person has no active pair)
  std::chrono::sys_seconds changed;
};

}  // namespace mentorcal::store
