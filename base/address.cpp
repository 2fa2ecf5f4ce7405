#include "base/address.h"

namespace mentorcal::base {

std::string_view domain_of(std::string_view email) {
  return email.substr(email.rfind('@') + 1);
}

}  // namespace mentorcal::base
