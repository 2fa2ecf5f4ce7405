#include "mail/gmime.h"

#include <gmime/gmime.h>
#include <mutex>

namespace mentorcal::mail {

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace mentorcal::mail
